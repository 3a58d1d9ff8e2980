import { PictureOutlined } from '@ant-design/icons';
import { useState } from 'react';

/** Product photos are decorative next to the name, so a missing one degrades to a neutral tile. */
export function ProductImage({ src, alt, height }: { src: string; alt: string; height: number }) {
  const [broken, setBroken] = useState(false);
  const frame = { height, background: '#f3f5f8', display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' } as const;
  if (broken || !src) {
    return (
      <div style={frame} aria-hidden>
        <PictureOutlined style={{ fontSize: 40, color: '#b8c0cc' }} />
      </div>
    );
  }
  return (
    <div style={frame}>
      <img src={src} alt={alt} loading="lazy" onError={() => setBroken(true)} style={{ width: '100%', height: '100%', objectFit: 'contain' }} />
    </div>
  );
}
