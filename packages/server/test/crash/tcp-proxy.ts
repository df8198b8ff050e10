/**
 * A TCP proxy between the server under test and a service it depends on (PostgreSQL, an SMTP
 * relay), which the test can cut and restore: the service "restarts" for the server without
 * the machine's shared service being touched. Cutting closes every open connection; then new
 * connections are refused (`refuse`: a restarted service is down) or accepted and never
 * answered (`blackhole`: a network cut, a host that froze).
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections opened through the proxy so far. */
  connections(): number;
  cut(mode?: 'refuse' | 'blackhole'): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let opened = 0;
  let holding = false;
  const onConnection = (client: net.Socket) => {
    opened++;
    if (holding) {
      // Accepted, never answered: the client waits until its own timeout gives up.
      open.add(client);
      client.on('error', () => client.destroy());
      client.on('close', () => open.delete(client));
      return;
    }
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  let server = net.createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(0);
  let listening = true;
  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  const stop = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    dropAll();
    await closed;
  };
  return {
    port,
    connections: () => opened,
    cut: async (mode = 'refuse') => {
      if (mode === 'blackhole') {
        holding = true;
        dropAll();
      } else await stop();
    },
    restore: async () => {
      dropAll();
      holding = false;
      if (listening) return;
      server = net.createServer(onConnection);
      await listen(port);
      listening = true;
    },
    close: async () => {
      holding = false;
      await stop();
    },
  };
}
