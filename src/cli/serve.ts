// Serves the built site (dist/) on 127.0.0.1; PORT overrides the default 4321.
// Used by `npm start` after the build, and by the browser tests.

import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, normalize, resolve } from 'node:path';
import sirv from 'sirv';

/** Starts a static server for `root` on 127.0.0.1:`port` (0 picks a free port) and resolves once listening. */
export function serveStatic(root: string, port: number): Promise<{ server: Server; url: string }> {
  // gzip: serve the build's precompressed `x.gz` copies to browsers that accept gzip.
  const handler = sirv(root, { dev: false, etag: true, dotfiles: false, gzip: true });
  const server = createServer(
    (req, res) => serveGzipFile(root, req, res) || handler(req, res, () => notFound(root, res)),
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

// The build's 404 page (as static hosts serve it), with status 404; plain text if there is none.
function notFound(root: string, res: ServerResponse): void {
  res.statusCode = 404;
  try {
    const page = readFileSync(join(root, '404.html'));
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page);
  } catch {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('Not found\n');
  }
}

// sirv labels `x.gz` as Content-Encoding: gzip, so browsers would unpack a download such as
// t.mbox.gz; static hosts serve it as a gzip file, and so do we.
function serveGzipFile(root: string, req: IncomingMessage, res: ServerResponse): boolean {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (!path.endsWith('.gz')) return false;
  const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return false;
    res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': stats.size });
    createReadStream(file).pipe(res);
    return true;
  } catch {
    return false;
  }
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
