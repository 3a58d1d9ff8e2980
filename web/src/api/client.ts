import { ApiError, networkErrorCode } from './api-error';
import { csrfToken, setCsrfToken } from './csrf';
import { signedInDeviceId } from './device-id';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  /** sent as JSON */
  json?: unknown;
  /** sent as-is (e.g. image bytes) with the given contentType */
  body?: Blob | ArrayBuffer;
  contentType?: string;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** what the answer should be; errors still come back as JSON */
  accept?: string;
  /** the device id to send when it is not the signed-in page's (the sign-in itself) */
  deviceId?: string;
}

function timeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

function urlFor(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // a proxy's HTML error page, or an empty body
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  const header = Number(response.headers.get('Retry-After'));
  const fromBody = typeof error?.retryAfterSeconds === 'number' ? error.retryAfterSeconds : null;
  const retryAfter = fromBody ?? (Number.isFinite(header) && header > 0 ? header : null);
  if (error && typeof error.code === 'string') {
    const { code, message, ...details } = error;
    return new ApiError(response.status, code, typeof message === 'string' ? message : code, details, retryAfter);
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`, {}, retryAfter);
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const token = csrfToken();
  const headers: Record<string, string> = {
    Accept: options.accept ?? 'application/json',
    'X-Time-Zone': timeZone(),
  };
  // Anonymous calls carry no identifier (P4.2): only the sign-in and signed-in pages send one.
  const device = options.deviceId ?? (token ? signedInDeviceId() : null);
  if (device) headers['X-Device-Id'] = device;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    body = options.body;
  }
  if (method !== 'GET' && token) headers['X-CSRF-Token'] = token;
  try {
    return await fetch(urlFor(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, networkErrorCode, cause instanceof Error ? cause.message : 'network error');
  }
}

/** The token can go stale (e.g. the session was renewed in another tab); one fresh /api/me fixes that. */
async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/api/me', {});
  if (!response.ok) return false;
  const me = (await response.json()) as { csrfToken?: string };
  setCsrfToken(me.csrfToken ?? null);
  return Boolean(me.csrfToken);
}

function looksLikeCsrfFailure(error: ApiError): boolean {
  return error.status === 403 && /csrf/i.test(error.code);
}

/** Sends once, and once more with a fresh CSRF token if that was the only problem. */
async function sendChecked(method: Method, path: string, options: RequestOptions): Promise<Response> {
  let response = await send(method, path, options);
  if (!response.ok) {
    let error = await errorFrom(response);
    if (method !== 'GET' && looksLikeCsrfFailure(error) && (await refreshCsrfToken())) {
      response = await send(method, path, options);
      if (!response.ok) error = await errorFrom(response);
    }
    if (!response.ok) throw error;
  }
  return response;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await sendChecked(method, path, options);
  if (response.status === 204 || response.status === 205) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, json?: unknown) => request<T>('POST', path, { json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  put: <T>(path: string, body: Blob | ArrayBuffer, contentType: string) => request<T>('PUT', path, { body, contentType }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
