/**
 * Reading the published OpenAPI document: every operation, and which of its parameters carry an
 * id. A parameter carries an id when it is named `id` or its name ends in `Id` (orgId, memberId,
 * parentId, ...), wherever it is: path, query or the top level of a JSON request body.
 */

export type Location = 'path' | 'query' | 'body';

export interface Param {
  in: Location;
  name: string;
  required: boolean;
}

export interface Operation {
  /** "METHOD /path/{param}", as the example tables are keyed */
  key: string;
  method: string;
  path: string;
  params: Param[];
  /** the document declares a request body (which then needs an example) */
  hasBody: boolean;
  idParams: Param[];
  /** what an organisation's route needs of its caller (`x-org-action`, see server/modules/org/org.policy.ts) */
  orgAction?: string;
}

/**
 * Names ending in Id that refer to nothing stored by anyone else. Reviewed: `clientMessageId` is
 * chosen by the sending client to make a retry idempotent; it is matched only within the
 * sender's own messages of the chat in the path.
 */
const notReferences = new Set(['clientMessageId']);

export const isIdName = (name: string): boolean => !notReferences.has(name) && (name === 'id' || /[a-z0-9]Id$/.test(name));

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

interface OpenApiOperation {
  'x-org-action'?: string;
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }> };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const operation = raw as OpenApiOperation;
      const params: Param[] = [];
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path' || parameter.in === 'query') params.push({ in: parameter.in, name: parameter.name, required: parameter.required === true || parameter.in === 'path' });
      }
      const json = operation.requestBody?.content?.['application/json']?.schema;
      for (const name of Object.keys(json?.properties ?? {})) params.push({ in: 'body', name, required: json?.required?.includes(name) ?? false });
      // path parameters the document forgot to declare still count
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        if (!params.some((param) => param.in === 'path' && param.name === name)) params.push({ in: 'path', name: name as string, required: true });
      }
      const upper = method.toUpperCase();
      operations.push({
        key: `${upper} ${path}`,
        method: upper,
        path,
        params,
        hasBody: operation.requestBody !== undefined,
        idParams: params.filter((param) => isIdName(param.name)),
        ...(operation['x-org-action'] ? { orgAction: operation['x-org-action'] } : {}),
      });
    }
  }
  return operations;
}

export const paramKey = (param: Pick<Param, 'in' | 'name'>): string => `${param.in}.${param.name}`;
