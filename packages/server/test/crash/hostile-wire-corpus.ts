/**
 * The hostile-input corpus, second half (hostile-corpus.ts has the first and says what each
 * `expect` means): multipart bodies, headers and framing, and the token URLs.
 */
import { ublInvoice } from '../support/invoices.js';
import type { RawRequest } from './hostile-http.js';
import { xml } from './hostile-files.js';
import {
  BOUNDARY,
  bearer,
  completion,
  deepArray,
  jsonTo,
  metadata,
  multipartBody,
  rawHttp,
  type Context,
  type Expect,
  type HostileInput,
  type Part,
} from './hostile-corpus.js';

const MiB = 1024 * 1024;

export function wireInputs(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const add = (name: string, expect: Expect, build: HostileInput['build']) =>
    inputs.push({ name, expect, build });
  const invoice = Buffer.from(ublInvoice({ number: 'HOSTILE-1' }));

  // ---- Multipart ---------------------------------------------------------------------------
  const form =
    (contentType: string, body: () => Buffer, path = '/api/v1/invoices') =>
    (ctx: Context): RawRequest => ({
      method: 'POST',
      path: typeof path === 'string' ? path : path,
      headers: [bearer(ctx), ['Content-Type', contentType]],
      body: body(),
    });
  const mp = `multipart/form-data; boundary=${BOUNDARY}`;
  const invoicePart: Part = {
    head: 'Content-Disposition: form-data; name="invoice"; filename="f.xml"\r\nContent-Type: application/xml',
    value: invoice,
  };
  add(
    'multipart: no boundary parameter',
    'problem',
    form('multipart/form-data', () => multipartBody(BOUNDARY, [metadata, invoicePart])),
  );
  add(
    'multipart: empty boundary',
    'problem',
    form('multipart/form-data; boundary=', () => multipartBody(BOUNDARY, [metadata, invoicePart])),
  );
  add(
    'multipart: 5,000-character boundary',
    'problem',
    form(`multipart/form-data; boundary=${'b'.repeat(5000)}`, () =>
      multipartBody('b'.repeat(5000), [metadata, invoicePart]),
    ),
  );
  add(
    'multipart: boundary inside the file',
    'problem',
    form(mp, () =>
      multipartBody(BOUNDARY, [
        metadata,
        {
          ...invoicePart,
          value: Buffer.concat([
            invoice.subarray(0, 500),
            Buffer.from(`\r\n--${BOUNDARY}\r\n`),
            invoice.subarray(500),
          ]),
        },
      ]),
    ),
  );
  add(
    'multipart: 1,000 parts (deposit)',
    'problem',
    form(mp, () =>
      multipartBody(BOUNDARY, [
        metadata,
        ...Array.from({ length: 1000 }, (_, i) => ({
          head: `Content-Disposition: form-data; name="attachments"; filename="a${i}.pdf"`,
          value: 'x',
        })),
      ]),
    ),
  );
  add(
    'multipart: 1,000 parts (flow)',
    'problem',
    form(
      mp,
      () =>
        multipartBody(
          BOUNDARY,
          Array.from({ length: 1000 }, (_, i) => ({
            head: `Content-Disposition: form-data; name="f${i}"`,
            value: 'x',
          })),
        ),
      '/api/v1/flows',
    ),
  );
  add('multipart: 1,000 parts (completion)', 'problem', (ctx) =>
    form(
      mp,
      () =>
        multipartBody(
          BOUNDARY,
          Array.from({ length: 1000 }, (_, i) => ({
            head: `Content-Disposition: form-data; name="attachments"; filename="a${i}.pdf"`,
            value: 'x',
          })),
        ),
      completion(ctx),
    )(ctx),
  );
  add(
    'multipart: part without a name',
    'problem',
    form(mp, () =>
      multipartBody(BOUNDARY, [
        metadata,
        { head: 'Content-Disposition: form-data; filename="f.xml"', value: invoice },
      ]),
    ),
  );
  add(
    'multipart: part without Content-Disposition',
    'problem',
    form(mp, () =>
      multipartBody(BOUNDARY, [
        metadata,
        { head: 'Content-Type: application/xml', value: invoice },
      ]),
    ),
  );
  add(
    'multipart: 100 KB part header',
    'problem',
    form(mp, () =>
      multipartBody(BOUNDARY, [
        metadata,
        {
          head: `Content-Disposition: form-data; name="invoice"; filename="${'n'.repeat(100 * 1024)}.xml"`,
          value: invoice,
        },
      ]),
    ),
  );
  add(
    'multipart: filename* not UTF-8',
    'problem',
    form(mp, () =>
      multipartBody(BOUNDARY, [
        metadata,
        {
          head: `Content-Disposition: form-data; name="invoice"; filename*=UTF-8''%FF%FE%00.xml`,
          value: invoice,
        },
      ]),
    ),
  );
  add(
    'multipart: cut inside a part header',
    'problem',
    form(mp, () => {
      const body = multipartBody(BOUNDARY, [metadata, invoicePart]);
      return body.subarray(0, body.indexOf('name="invoice"') + 8);
    }),
  );
  add(
    'multipart: no closing boundary',
    'problem',
    form(mp, () => multipartBody(BOUNDARY, [metadata, invoicePart], false)),
  );
  add('multipart: truncated completion', 'problem', (ctx) =>
    form(
      mp,
      () =>
        multipartBody(BOUNDARY, [
          { head: 'Content-Disposition: form-data; name="version"', value: '1' },
          {
            ...invoicePart,
            head: 'Content-Disposition: form-data; name="attachments"; filename="a.pdf"',
          },
        ]).subarray(0, 300),
      completion(ctx),
    )(ctx),
  );
  add(
    'multipart: metadata part of 5 MB',
    'problem',
    form(mp, () =>
      multipartBody(BOUNDARY, [
        {
          head: 'Content-Disposition: form-data; name="metadata"',
          value: `{"framework":"${'x'.repeat(5 * MiB)}"}`,
        },
        invoicePart,
      ]),
    ),
  );

  // ---- Headers and framing -----------------------------------------------------------------
  const get = (headers: [string, string | Buffer][]): RawRequest => ({
    method: 'GET',
    path: '/api/v1/invoices?side=sent',
    headers,
  });
  add('headers: one 64 KB header', 'connection', () => get([['X-Big', 'a'.repeat(64 * 1024)]]));
  add('headers: 1,000 headers', 'problem', () =>
    get(Array.from({ length: 1000 }, (_, i): [string, string] => [`X-H${i}`, 'v'])),
  );
  add('headers: 64 KB URL', 'connection', () => ({
    method: 'GET',
    path: `/api/v1/invoices?q=${'a'.repeat(64 * 1024)}`,
    headers: [],
  }));
  add('headers: Content-Length not a number', 'connection', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [bearer(ctx), ['Content-Type', 'application/json'], ['Content-Length', 'abc']],
    body: Buffer.from('{}'),
  }));
  add('headers: negative Content-Length', 'connection', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [bearer(ctx), ['Content-Type', 'application/json'], ['Content-Length', '-1']],
    body: Buffer.from('{}'),
  }));
  add('headers: two different Content-Lengths', 'connection', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [
      bearer(ctx),
      ['Content-Type', 'application/json'],
      ['Content-Length', '2'],
      ['Content-Length', '3'],
    ],
    body: Buffer.from('{} '),
  }));
  add('headers: Content-Length and Transfer-Encoding', 'connection', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [
      bearer(ctx),
      ['Content-Type', 'application/json'],
      ['Content-Length', '7'],
      ['Transfer-Encoding', 'chunked'],
    ],
    body: Buffer.from('2\r\n{}\r\n0\r\n\r\n'),
  }));
  add('headers: bad chunk size', 'connection', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [bearer(ctx), ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']],
    body: Buffer.from('zz\r\n{}\r\n0\r\n\r\n'),
  }));
  add('headers: Content-Length of 1 TB (JSON)', 'problem', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [
      bearer(ctx),
      ['Content-Type', 'application/json'],
      ['Content-Length', String(1024 ** 4)],
    ],
    body: Buffer.from('{}'),
  }));
  add('headers: space in a header name', 'connection', () => get([['X Bad', '1']]));
  add('headers: no Host (HTTP/1.1)', 'connection', () =>
    rawHttp('GET /api/v1/invoices HTTP/1.1\r\nConnection: close\r\n\r\n'),
  );
  add('headers: obsolete line folding', 'connection', () =>
    rawHttp(
      'GET /api/v1/invoices HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n',
    ),
  );
  add('headers: NUL in a header value', 'connection', () => get([['X-A', 'a\0b']]));
  add('auth: Basic on the API', 'problem', () => get([['Authorization', 'Basic dXNlcjpwYXNz']]));
  add('auth: Bearer with nothing', 'problem', () => get([['Authorization', 'Bearer ']]));
  add('auth: Bearer of 8 KB', 'problem', () =>
    get([['Authorization', `Bearer ${'A'.repeat(8192)}`]]),
  );
  add('auth: Bearer with spaces', 'problem', () => get([['Authorization', 'Bearer a b c']]));
  add('auth: Digest', 'problem', () =>
    get([['Authorization', 'Digest username="x", realm="y", nonce="z"']]),
  );
  add('auth: non-ASCII token', 'problem', () =>
    get([['Authorization', Buffer.from('Bearer \xe9\xff', 'latin1')]]),
  );
  add('auth: UTF-8 token', 'problem', () => get([['Authorization', Buffer.from('Bearer jéton™')]]));
  add('headers: non-ASCII Idempotency-Key', 'problem', (ctx) => ({
    ...jsonTo('/api/v1/invoices', '{}')(ctx),
    headers: [
      bearer(ctx),
      ['Content-Type', 'application/json'],
      ['Idempotency-Key', Buffer.from('clé-€')],
    ],
  }));
  add('headers: non-ASCII Content-Type', 'problem', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [bearer(ctx), ['Content-Type', Buffer.from('multipart/form-data; boundary=é€')]],
    body: Buffer.from('x'),
  }));
  add('headers: Content-Type with 2,000 parameters', 'problem', (ctx) => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [
      bearer(ctx),
      [
        'Content-Type',
        `application/json${Array.from({ length: 2000 }, (_, i) => `; p${i}=v`).join('')}`,
      ],
    ],
    body: Buffer.from('{}'),
  }));
  add('headers: 10 KB Accept-Language (/cpro)', 'cpro', (ctx) => ({
    ...jsonTo('/cpro/factures/v1/soumettre', '{}', 'cpro')(ctx),
    headers: [
      ...ctx.cpro,
      ['Content-Type', 'application/json'],
      ['Accept-Language', 'en-'.repeat(3400)],
    ],
  }));

  // ---- The token URLs ----------------------------------------------------------------------
  const token =
    (path: string, contentType: string, body: string | Buffer, auth?: string | Buffer) =>
    (): RawRequest => ({
      method: 'POST',
      path,
      headers: [
        ['Content-Type', contentType],
        ...(auth ? [['Authorization', auth] as [string, string | Buffer]] : []),
      ],
      body: Buffer.from(body),
    });
  const form64 = 'application/x-www-form-urlencoded';
  add(
    'oauth: Basic with bad percent-encoding',
    'oauth',
    token(
      '/api/v1/oauth/token',
      form64,
      'grant_type=client_credentials',
      `Basic ${Buffer.from('%E0%A4%A:%ZZ').toString('base64')}`,
    ),
  );
  add(
    'oauth: Basic not base64',
    'oauth',
    token('/api/oauth/token', form64, 'grant_type=client_credentials', 'Basic ***'),
  );
  add(
    'oauth: Basic of bytes not UTF-8',
    'oauth',
    token(
      '/api/v1/oauth/token',
      form64,
      'grant_type=client_credentials',
      `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`,
    ),
  );
  add(
    'oauth: grant_type twice',
    'oauth',
    token('/api/v1/oauth/token', form64, 'grant_type=client_credentials&grant_type=password'),
  );
  add(
    'oauth: __proto__ field',
    'oauth',
    token('/api/oauth/token', form64, '__proto__[x]=1&grant_type=client_credentials'),
  );
  add(
    'oauth: 20 KB form',
    'oauth',
    token(
      '/api/v1/oauth/token',
      form64,
      `grant_type=client_credentials&client_id=${'a'.repeat(20 * 1024)}`,
    ),
  );
  add(
    'oauth: 100,000 nested arrays (JSON)',
    'oauth',
    token('/api/v1/oauth/token', 'application/json', deepArray(100_000)),
  );
  add(
    'oauth: __proto__ key (JSON)',
    'oauth',
    token(
      '/api/oauth/token',
      'application/json',
      '{"__proto__":{"x":1},"grant_type":"client_credentials"}',
    ),
  );
  add(
    'oauth: JSON cut short',
    'oauth',
    token('/api/oauth/token', 'application/json', '{"grant_type":'),
  );
  add(
    'oauth: XML body',
    'oauth',
    token('/api/v1/oauth/token', 'application/xml', xml.billionLaughs()),
  );

  return inputs;
}
