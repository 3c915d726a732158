import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it. */
export interface Received {
  key: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  seq: number;
  body: unknown;
}

/** What the receiver does with the n-th request (1-based) it receives. */
export type Plan = (n: number, r: Received) => { status: number; hangMs?: number } | undefined;

/**
 * A real HTTP receiver on 127.0.0.1 (DESIGN.md §10: no mock objects at the network boundary). It keeps
 * the first request of each Idempotency-Key as accepted and counts repeats as duplicates, as a partner
 * platform that honours the key would. `plan` can make requests fail or hang.
 */
export class Receiver {
  readonly accepted: Received[] = [];
  /** Repeats of an already accepted key (answered 200, not processed again). */
  duplicates: Received[] = [];
  requests = 0;
  plan: Plan = () => undefined;
  private server = http.createServer((req, res) => void this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/events`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const h = (name: string) => decodeURIComponent(String(req.headers[name] ?? ''));
    const r: Received = {
      key: h('idempotency-key'),
      eventType: h('x-event-type'),
      aggregateType: h('x-aggregate-type'),
      aggregateId: h('x-aggregate-id'),
      seq: Number(req.headers['x-event-seq']),
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
    };
    const n = ++this.requests;
    const p = this.plan(n, r);
    if (p && p.status >= 300) {
      res.writeHead(p.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `plan: ${p.status}` }));
      return;
    }
    if (this.accepted.some((a) => a.key === r.key)) this.duplicates.push(r);
    else this.accepted.push(r);
    // A slow answer after the work is done: the sender times out and sends again later.
    if (p?.hangMs) await new Promise((resolve) => setTimeout(resolve, p.hangMs));
    if (!res.destroyed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    }
  }
}
