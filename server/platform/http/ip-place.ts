import net from 'node:net';

/**
 * An approximate place for an IP address, for the sessions page. Without a GeoIP database
 * configured we can honestly say only whether it is this machine or a private network.
 */
export function placeOfIp(ip: string): string {
  const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (address === '::1' || address.startsWith('127.')) return 'local';
  if (net.isIPv4(address)) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  } else if (/^f[cd]/i.test(address) || /^fe80/i.test(address)) {
    return 'private';
  }
  return 'unknown';
}
