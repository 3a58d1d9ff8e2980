import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * Personal data never reaches the logs. Request logging records method, route and status
 * only (no query strings, which may carry search terms), and any field named like a
 * secret or a personal attribute is censored wherever it appears.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.headers["x-device-id"]',
  'res.headers["set-cookie"]',
  '*.email',
  '*.phone',
  '*.identifier',
  '*.code',
  '*.token',
  '*.name',
  '*.ip',
  'email',
  'phone',
  'identifier',
  'code',
  'token',
  'ip',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; routeOptions?: { url?: string }; url?: string }) => ({
          method: req.method,
          route: req.routeOptions?.url ?? pathOnly(req.url),
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}

function pathOnly(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}
