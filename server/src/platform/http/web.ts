import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../../config.js';

export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');

/**
 * Serves the built web console on the API's port: hashed assets cached for a year, every other non-API
 * GET answered with index.html (client-side routes). Returns false when the console is not built.
 */
export async function installWeb(app: FastifyInstance, dist = WEB_DIST): Promise<boolean> {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return false;
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (res, file) => {
      if (file.includes(`${path.sep}assets${path.sep}`))
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  // Read on each request (it is tiny), so a rebuilt console is served without restarting the server.
  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.readFileSync(index));
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0]!;
    if (url.startsWith('/api/') || url === '/metrics') {
      return reply
        .status(404)
        .send({ code: 'NOT_FOUND', message: `接口不存在: ${req.method} ${url}`, requestId: req.id });
    }
    const file = path.join(dist, path.normalize(decodeURIComponent(url)).replace(/^([/\\])+/, ''));
    if (file.startsWith(dist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(dist, file));
    }
    if (url.startsWith('/assets/')) return reply.status(404).send('Not found');
    return sendIndex(reply);
  });
  return true;
}
