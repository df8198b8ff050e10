/**
 * A raw HTTP/1.1 exchange for the hostile-input corpus: the request is written byte for byte
 * (fetch would refuse, or repair, most of what the corpus sends: conflicting lengths, non-ASCII
 * header bytes, a body cut short), and the answer is read until it is complete, the server
 * closes the connection, or the time bound passes.
 */
import net from 'node:net';

export interface RawRequest {
  method: string;
  path: string;
  /** Sent in order, as given; Host and Connection: close come first, added here. */
  headers: [string, string | Buffer][];
  body?: Buffer;
  /** Content-Length is added from the body unless a header of the request sets the framing. */
  noLength?: boolean;
  /** Bytes written as the whole request instead (the request line included). */
  raw?: Buffer;
}

export type RawAnswer =
  | {
      kind: 'answered';
      status: number;
      headers: Record<string, string>;
      body: string;
      ms: number;
    }
  | { kind: 'closed'; ms: number; detail: string }
  | { kind: 'timeout'; ms: number };

export function encodeRequest(r: RawRequest, host: string): Buffer {
  if (r.raw) return r.raw;
  const lines: Buffer[] = [
    Buffer.from(`${r.method} ${r.path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n`),
  ];
  const framed = r.headers.some(([name]) =>
    ['content-length', 'transfer-encoding'].includes(name.toLowerCase()),
  );
  for (const [name, value] of r.headers) {
    lines.push(Buffer.from(`${name}: `), Buffer.from(value), Buffer.from('\r\n'));
  }
  if (!framed && !r.noLength && r.body) {
    lines.push(Buffer.from(`Content-Length: ${r.body.length}\r\n`));
  }
  lines.push(Buffer.from('\r\n'));
  if (r.body) lines.push(r.body);
  return Buffer.concat(lines);
}

/** The answer when `data` holds a whole response (framed by Content-Length or chunked). */
function parse(data: Buffer): Omit<Extract<RawAnswer, { kind: 'answered' }>, 'ms'> | undefined {
  const split = data.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const head = data.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(split + 4);
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length < length) return undefined;
    return { kind: 'answered', status, headers, body: rest.subarray(0, length).toString('utf8') };
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const chunks: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = rest.indexOf('\r\n', at);
      if (eol < 0) return undefined;
      const size = parseInt(rest.subarray(at, eol).toString('latin1'), 16);
      if (size === 0) break;
      if (rest.length < eol + 2 + size + 2) return undefined;
      chunks.push(rest.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    return { kind: 'answered', status, headers, body: Buffer.concat(chunks).toString('utf8') };
  }
  return undefined;
}

/** Sends the request bytes and waits for the answer; never throws. */
export function exchange(port: number, request: Buffer, timeoutMs: number): Promise<RawAnswer> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (answer: RawAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', ms: ms() }), timeoutMs);
    const settle = (detail: string) => {
      const data = Buffer.concat(chunks);
      const answer = parse(data);
      if (answer) finish({ ...answer, ms: ms() });
      else finish({ kind: 'closed', ms: ms(), detail: detail || `${data.length} bytes` });
    };
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const answer = parse(Buffer.concat(chunks));
      if (answer) finish({ ...answer, ms: ms() });
    });
    // The server may answer (413, 431…) and close while the request is still being written:
    // the write then fails, and what was read is the answer.
    socket.on('error', (e) => settle((e as NodeJS.ErrnoException).code ?? String(e)));
    socket.on('close', () => settle(''));
    socket.write(request, () => undefined);
  });
}
