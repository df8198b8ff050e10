/**
 * What the route schemas cannot say, added to the generated OpenAPI document so it tells the
 * truth about the wire: error answers are `application/problem+json` (with every status any
 * route may give: 400 for a malformed request, 401/403 on protected routes, 413/415 on routes
 * with a body, 429 where rate-limited, 500 and 503); binary downloads document their 200 with
 * their media types; multipart bodies document their parts and encodings.
 */
import type { RegisteredRoute } from './access.js';

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: { required?: boolean; content: Record<string, Json> };
  responses?: Record<string, { description: string; content?: Record<string, Json> }>;
}

const PROBLEM = 'application/problem+json';
/** Answers its errors as RFC 6749 requires (application/json), not as problem documents. */
export const OAUTH_TOKEN = 'post /api/v1/oauth/token';
const binary = { type: 'string', contentMediaType: 'application/octet-stream' };

/** 200 answers that are files, not JSON: media types and what they are. */
const downloads: Record<string, { types: string[]; description: string }> = {
  'get /api/v1/invoices/{id}/original': {
    types: ['application/xml', 'application/pdf', 'application/json'],
    description:
      'The original as deposited, byte for byte: UBL or CII XML, a PDF, or the JSON keyed in (Repr-Digest: its SHA-256)',
  },
  'get /api/v1/invoices/{id}/attachments/{fileId}': {
    types: ['*/*'],
    description: 'The file as deposited, with the media type its sender declared (any type)',
  },
  'get /api/v1/invoices/{id}/certificate': {
    types: ['application/pdf'],
    description: 'The deposit certificate',
  },
  'get /api/v1/invoices/{id}/rendering': {
    types: ['text/html', 'application/pdf'],
    description: 'HTML (format=html) or PDF (format=pdf)',
  },
  'get /api/v1/sollicitations/{id}/files/{fileId}': {
    types: ['*/*'],
    description: 'A file of the thread as sent, with the media type its sender declared',
  },
  'get /api/v1/flows/{id}/files/{name}': {
    types: ['*/*'],
    description: 'A file of the flow as stored, with its media type (XML, PDF, zip, gzip…)',
  },
};

/** Extra media types of JSON 200 answers (a format parameter). */
const alternatives: Record<string, Record<string, Json>> = {
  'get /api/v1/flows/{id}/report': {
    'text/csv': { schema: { type: 'string' } },
    'application/pdf': { schema: binary },
  },
};

/** Multipart (and raw) request bodies, beside the JSON the schemas give. */
function multipartBodies(
  json: Record<string, Json | undefined>,
): Record<string, Record<string, Json>> {
  const depositJson = json['post /api/v1/invoices'] as
    { schema?: { anyOf?: { properties?: Json }[]; properties?: Json } } | undefined;
  const jsonProps =
    depositJson?.schema?.properties ??
    depositJson?.schema?.anyOf?.find((s) => s.properties)?.properties;
  return {
    'post /api/v1/invoices': {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['metadata'],
          properties: {
            metadata: jsonProps?.metadata ?? { type: 'object' },
            invoice: {
              ...binary,
              description:
                'The invoice: UBL 2.1 or CII D16B XML, Factur-X PDF, or a plain PDF with `keyed` (10 MB at most)',
            },
            attachments: {
              type: 'array',
              items: binary,
              description:
                'Attachments: 10 MB each, 120 MB in all, names of at most 50 characters with an accepted extension',
            },
            keyed: jsonProps?.keyed ?? { type: 'object' },
          },
        },
        encoding: {
          metadata: { contentType: 'application/json, text/plain' },
          keyed: { contentType: 'application/json, text/plain' },
          invoice: { contentType: 'application/xml, application/pdf' },
          attachments: { contentType: 'application/octet-stream' },
        },
      },
    },
    'post /api/v1/invoices/{id}/complete': {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['version'],
          properties: {
            version: { type: 'integer', minimum: 1 },
            comment: { type: 'string', maxLength: 2000 },
            attachments: { type: 'array', items: binary },
          },
        },
        encoding: { attachments: { contentType: 'application/octet-stream' } },
      },
    },
    'post /api/v1/flows': {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['syntaxeFlux', 'nomFichier', 'flow'],
          properties: {
            syntaxeFlux: { type: 'string' },
            nomFichier: { type: 'string' },
            structure: { type: 'string' },
            cadreFacturation: { type: 'string' },
            flow: { ...binary, description: 'The flow file, after the fields' },
          },
        },
        encoding: { flow: { contentType: 'application/octet-stream' } },
      },
      'application/octet-stream': { schema: binary },
      'application/zip': { schema: binary },
      'application/gzip': { schema: binary },
    },
  };
}

const problemDescriptions: Record<string, string> = {
  '400': 'Bad request: invalid input, malformed body or URL (problem document)',
  '401': 'Authentication required (problem document)',
  '403': 'Forbidden: wrong kind of caller, missing right or CSRF token (problem document)',
  '404': 'Not found, or not yours (problem document)',
  '409': 'Conflict: stale version, duplicate or idempotency key reused (problem document)',
  '413': 'Body over the route’s limit (problem document)',
  '415': 'Content type not accepted here (problem document)',
  '423': 'Account locked (problem document)',
  '429': 'Too many requests (problem document)',
  '500': 'Internal error (problem document)',
  '503': 'Unavailable for now: retry later (problem document)',
};

export function finishOpenApi(doc: Json, routes: readonly RegisteredRoute[]): Json {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const routeOf = new Map(
    routes.map((r) => [`${r.method.toLowerCase()} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r]),
  );
  // The problem schema, as the routes' schemas give it (all equal).
  let problemSchema: Json | undefined;
  const jsonBodies: Record<string, Json | undefined> = {};
  for (const [p, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      jsonBodies[`${method} ${p}`] = op.requestBody?.content['application/json'];
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) >= 400 && response.content) {
          problemSchema ??= (response.content['application/json'] ?? response.content[PROBLEM])
            ?.schema as Json | undefined;
        }
      }
    }
  }
  const bodies = multipartBodies(jsonBodies);
  for (const [p, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const key = `${method} ${p}`;
      const route = routeOf.get(key);
      const responses = (op.responses ??= {});
      const statuses = ['400', '500', '503'];
      if (p.startsWith('/api/v1/') && route?.access !== 'public') statuses.push('401', '403');
      if (/\{/.test(p)) statuses.push('404');
      if (method === 'post' || method === 'put' || method === 'patch') statuses.push('413', '415');
      if (route?.rateLimited) statuses.push('429');
      for (const status of statuses) {
        responses[status] ??= { description: problemDescriptions[status]! };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        const problem = { [PROBLEM]: { schema: { $ref: '#/components/schemas/Problem' } } };
        if (key === OAUTH_TOKEN && (status === '400' || status === '401')) {
          // RFC 6749 §5.2 errors are the grant's own JSON; a malformed request (400) may still
          // be a problem document (a URL or body the server cannot read).
          response.content = { ...response.content, ...(status === '400' ? problem : {}) };
          continue;
        }
        response.content = problem;
        if (response.description === 'Default Response') {
          response.description = problemDescriptions[status] ?? 'Problem document';
        }
      }
      const download = downloads[key];
      if (download) {
        responses['200'] = {
          description: download.description,
          content: Object.fromEntries(
            download.types.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]),
          ),
        };
      }
      const more = alternatives[key];
      if (more && responses['200']?.content) Object.assign(responses['200'].content, more);
      const body = bodies[key];
      if (body) {
        op.requestBody ??= { required: true, content: {} };
        Object.assign(op.requestBody.content, body);
      }
    }
  }
  if (problemSchema) {
    const components = (doc.components ??= {}) as { schemas?: Record<string, Json> };
    (components.schemas ??= {}).Problem = problemSchema;
  }
  // Sorted statuses, so the document reads in order.
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops)) {
      if (op.responses) {
        op.responses = Object.fromEntries(
          Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)),
        );
      }
    }
  }
  return doc;
}
