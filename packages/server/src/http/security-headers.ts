import Fastify from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The response headers @fastify/helmet adds with these options, worked out once at start-up.
 * Registered as it is, the plugin rebuilds helmet's whole middleware chain (parsing the CSP
 * directives again) on every request, for headers that never change: that was 7 % of the
 * server's CPU per deposit (decision 0009). Two throw-away instances answer one request each,
 * with and without the plugin; the headers only the first has are helmet's, whatever this
 * helmet version sends (it only adds headers, besides removing an X-Powered-By Fastify never
 * sets).
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<[string, string][]> {
  const probe = async (withHelmet: boolean) => {
    const app = Fastify({ logger: false });
    if (withHelmet) await app.register(helmet, options);
    app.get('/', async () => '');
    try {
      return (await app.inject({ method: 'GET', url: '/' })).headers;
    } finally {
      await app.close();
    }
  };
  const [withHelmet, without] = await Promise.all([probe(true), probe(false)]);
  const added: [string, string][] = [];
  for (const [name, value] of Object.entries(withHelmet)) {
    if (value === undefined || name in without) continue;
    if (typeof value !== 'string') throw new Error(`helmet header ${name} is not one string`);
    added.push([name, value]);
  }
  return added;
}
