import { describe, expect, it } from 'vitest';
import { photoPlace } from './photo-place';

describe('photoPlace', () => {
  it('shows the coordinates to five decimals and links to the point on OpenStreetMap', () => {
    expect(photoPlace({ latitude: 31.2367611, longitude: 121.4786694, altitude: 12.5 })).toEqual({
      label: '31.23676, 121.47867',
      href: 'https://www.openstreetmap.org/?mlat=31.23676&mlon=121.47867#map=17/31.23676/121.47867',
    });
  });

  it('keeps the sign of south and west', () => {
    expect(photoPlace({ latitude: -33.85, longitude: -70.5, altitude: null }).label).toBe('-33.85000, -70.50000');
  });
});
