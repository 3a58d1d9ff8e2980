import { UAParser } from 'ua-parser-js';

export interface DeviceSummary {
  browser: string;
  os: string;
  deviceType: string;
}

export function describeUserAgent(userAgent: string | null): DeviceSummary {
  if (!userAgent) return { browser: 'Unknown', os: 'Unknown', deviceType: 'desktop' };
  const parsed = new UAParser(userAgent).getResult();
  const browser = [parsed.browser.name, parsed.browser.major].filter(Boolean).join(' ') || 'Unknown';
  const os = [parsed.os.name, parsed.os.version].filter(Boolean).join(' ') || 'Unknown';
  return { browser, os, deviceType: parsed.device.type ?? 'desktop' };
}
