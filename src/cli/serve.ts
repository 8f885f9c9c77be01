// Serves the built site (dist/) on 127.0.0.1; PORT overrides the default 4321.
// Used by `npm start` after the build, and by the browser tests.

import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

/** Starts a static server for `root` on 127.0.0.1:`port` (0 picks a free port) and resolves once listening. */
export function serveStatic(root: string, port: number): Promise<{ server: Server; url: string }> {
  const handler = sirv(root, { dev: false, etag: true, dotfiles: false });
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Not found\n');
    }),
  );
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      done({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  const { url } = await serveStatic(resolve('dist'), port);
  console.log(`Lockstep is served at ${url} (Ctrl-C to stop)`);
}
