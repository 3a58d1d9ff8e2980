/**
 * Turning an operation of the document into a request (ids from the suite, everything else from
 * the catalogue's example), and reading its answer, shared by the isolation suites.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { examples } from './catalogue.ts';
import { paramKey, type Operation } from './openapi.ts';

export type Values = Record<string, string | undefined>;

export interface Answer {
  status: number;
  contentType: string;
  body: string;
  /** headers and body, searched for leaks */
  everything: string;
}

export function requestFor(operation: Operation, values: Values, bodyOverride?: Record<string, unknown>): InjectOptions {
  const example = examples[operation.key] ?? {};
  const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[`path.${name}`] ?? example.params?.[name] ?? ''));
  const query = new URLSearchParams();
  for (const param of operation.params.filter((p) => p.in === 'query')) {
    const value = values[paramKey(param)] ?? example.params?.[param.name];
    if (value !== undefined) query.set(param.name, value);
  }
  const options: InjectOptions = { method: operation.method as InjectOptions['method'], url: query.size ? `${url}?${query}` : url };
  if (example.raw) {
    options.payload = example.raw.payload;
    options.headers = { 'content-type': example.raw.contentType };
  } else if (operation.hasBody || example.json || bodyOverride) {
    const body: Record<string, unknown> = { ...(example.json ?? {}), ...(bodyOverride ?? {}) };
    for (const param of operation.params.filter((p) => p.in === 'body')) {
      const value = values[paramKey(param)];
      if (value !== undefined) body[param.name] = value;
    }
    options.payload = body;
  }
  return options;
}

export function answerOf(response: LightMyRequestResponse): Answer {
  const contentType = String(response.headers['content-type'] ?? '');
  return { status: response.statusCode, contentType, body: response.body, everything: `${JSON.stringify(response.headers)}\n${response.body}` };
}

export const short = (answer: Answer): string => {
  const text = /json|text/.test(answer.contentType) || answer.body === '' ? answer.body : `<${Buffer.byteLength(answer.body)} bytes of ${answer.contentType}>`;
  return `${answer.status} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
};

export const errorCode = (answer: Answer): string | undefined => {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

/** The same answer, byte for byte: status, content type and body. */
export const sameAnswer = (one: Answer, other: Answer): boolean => one.status === other.status && one.contentType === other.contentType && one.body === other.body;
