/**
 * The benchmark clients' HTTP: node:http on keep-alive connections. Lighter on the CPU than
 * fetch and FormData, which cost the machine as much as a deposit's database work: the clients
 * share the cores with the server, so what they spend is not measured but lost.
 */
import http from 'node:http';
import type { Readable } from 'node:stream';

export interface Answer {
  status: number;
  text: string;
}

export type Send = (
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string | number>,
  body?: Buffer | Readable,
) => Promise<Answer>;

/** A sender over its own keep-alive agent; the body is bytes or a stream (a 1 GB zip is streamed). */
export function keepAliveSender(maxSockets: number): Send {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return (url, method, headers, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body === undefined || Buffer.isBuffer(body)) req.end(body);
      else body.pipe(req);
    });
}

/** An access token for an API client (client-credentials grant). */
export async function token(
  send: Send,
  url: string,
  client: { id: string; secret: string },
): Promise<string> {
  const res = await send(
    `${url}/api/v1/oauth/token`,
    'POST',
    { 'content-type': 'application/x-www-form-urlencoded' },
    Buffer.from(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.id,
        client_secret: client.secret,
      }).toString(),
    ),
  );
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
  return (JSON.parse(res.text) as { access_token: string }).access_token;
}

/**
 * Single deposits (POST /api/v1/invoices): `body()` wraps an invoice in the multipart form
 * (`metadata` = {framework: A1_FACTURE_FOURNISSEUR}, `invoice` file), written out by hand;
 * `post()` sends such a body. Apart, so a benchmark may make its bodies ahead of the measure.
 */
export function singleDeposits(
  send: Send,
  url: string,
  bearer: string,
  run: string,
): { body(invoice: Uint8Array): Buffer; post(body: Buffer): Promise<Answer> } {
  const boundary = `chorale-bench-${run}`;
  const opening = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n` +
      `${JSON.stringify({ framework: 'A1_FACTURE_FOURNISSEUR' })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="invoice"; filename="facture.xml"\r\n` +
      `Content-Type: application/xml\r\n\r\n`,
  );
  const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: (invoice) => Buffer.concat([opening, invoice, closing]),
    post: (body) =>
      send(
        `${url}/api/v1/invoices`,
        'POST',
        {
          authorization: `Bearer ${bearer}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.byteLength,
        },
        body,
      ),
  };
}

export interface RunResult {
  latencies: number[];
  statuses: Map<number, number>;
  ok: number;
  seconds: number;
  firstError?: Answer;
}

/**
 * `clients` clients sending `request(k)` back to back for `seconds` (`k`: the client's number,
 * 0 to clients − 1, for a request that depends on who sends it); `okStatus` answers are counted.
 */
export async function drive(
  clients: number,
  seconds: number,
  okStatus: number,
  request: (client: number) => Promise<Answer>,
): Promise<RunResult> {
  const result: RunResult = { latencies: [], statuses: new Map(), ok: 0, seconds };
  const end = performance.now() + seconds * 1000;
  const client = async (k: number) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await request(k);
      result.latencies.push(performance.now() - t0);
      result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
      if (res.status === okStatus) result.ok += 1;
      else result.firstError ??= res;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
  return result;
}
