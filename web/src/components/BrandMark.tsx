import { LockFilled } from '@ant-design/icons';
import { Grid } from 'antd';
import { Link } from 'react-router-dom';

export function BrandMark() {
  // on the narrowest phones the lock alone leaves room for the navigation
  const wordmark = Grid.useBreakpoint().sm !== false;
  return (
    <Link
      to="/"
      aria-label="Lockstep"
      style={{ display: 'flex', alignItems: 'center', gap: 8, color: '#1f5fbf', fontWeight: 700, fontSize: 20, whiteSpace: 'nowrap' }}
    >
      <LockFilled />
      {wordmark && <span>Lockstep</span>}
    </Link>
  );
}
