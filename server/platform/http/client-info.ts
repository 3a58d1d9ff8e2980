import type { FastifyRequest } from 'fastify';

/**
 * What security monitoring records about the client making a request (P3.3). Every value is
 * length-bounded and shape-checked: these headers are attacker-controlled.
 */
export interface ClientInfo {
  ip: string;
  userAgent: string;
  deviceId: string | null;
  timeZone: string | null;
  language: string | null;
}

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const TIME_ZONE = /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$|^UTC$|^Etc\/GMT[+-]\d{1,2}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  const deviceId = header(request, 'x-device-id')?.replace(/-/g, '');
  const timeZone = header(request, 'x-time-zone');
  const language = header(request, 'accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  return {
    ip: request.ip,
    userAgent: (header(request, 'user-agent') ?? '').slice(0, 512),
    deviceId: deviceId && DEVICE_ID.test(deviceId) ? deviceId : null,
    timeZone: timeZone && timeZone.length <= 64 && TIME_ZONE.test(timeZone) ? timeZone : null,
    language: language && LANGUAGE.test(language) ? language : null,
  };
}
