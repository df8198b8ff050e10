import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a webhook receiver got: one request, its signature checked as docs/webhooks.md says. */
export interface Received {
  eventId: string;
  timestamp: number;
  signatureValid: boolean;
  body: {
    id: string;
    type: string;
    orderKey: string;
    sequence: number;
    data: Record<string, unknown> & { invoice?: { id: string }; newStatus?: string };
  };
}

/**
 * A real HTTP receiver on the loopback interface. `mode` decides its answer: 200, 500, or no
 * answer at all (hang: the request is held until the receiver closes).
 */
export class Receiver {
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  secret = '';
  readonly received: Received[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly held = new Set<http.ServerResponse>();

  static async start(): Promise<Receiver> {
    const r = new Receiver();
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    return r;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Events accepted (answered 200), deduplicated by event id as a receiver must. */
  accepted(): Received[] {
    const seen = new Set<string>();
    return this.received.filter((r) => {
      if ((r as { answered?: number }).answered !== 200 || seen.has(r.eventId)) return false;
      seen.add(r.eventId);
      return true;
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = Number(req.headers['chorale-timestamp']);
      const expected = `v1=${createHmac('sha256', this.secret).update(`${timestamp}.${raw}`).digest('hex')}`;
      const got = String(req.headers['chorale-signature'] ?? '');
      const signatureValid =
        got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
      const entry: Received & { answered?: number } = {
        eventId: String(req.headers['chorale-event-id']),
        timestamp,
        signatureValid,
        body: JSON.parse(raw) as Received['body'],
      };
      this.received.push(entry);
      if (this.mode === 'hang') {
        this.held.add(res);
        return;
      }
      entry.answered = this.mode === 'ok' ? 200 : 500;
      res.writeHead(entry.answered, { 'content-type': 'text/plain' });
      res.end(this.mode === 'ok' ? 'merci' : `panne ${'x'.repeat(5000)}`);
    });
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
