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
    (req, res) =>
      serveSearchFile(root, req, res) ||
      serveGzipFile(root, req, res) ||
      handler(req, res, () => notFound(root, res)),
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

/** Pagefind's index files (chunks, fragments, filters, metadata, engine): each is gzip already. */
const SEARCH_FILE = /\.(?:pf_fragment|pf_index|pf_filter|pf_meta|pagefind)$/;

/** A request's path, decoded (a malformed escape is left as sent). */
function requestPath(req: IncomingMessage): string {
  // Cut at the query by hand: `new URL('//', base)` reads `//` as a host to come and throws.
  const path = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The file under `root` a request's path names, or null for one outside it or not a file. */
function requestedFile(root: string, req: IncomingMessage): { file: string; size: number } | null {
  const file = join(root, normalize(requestPath(req)).replace(/^(\.\.[/\\])+/, ''));
  try {
    const stats = statSync(file);
    return stats.isFile() ? { file, size: stats.size } : null;
  } catch {
    return null;
  }
}

/** Sends the file the request names with `headers` (and its length); false when there is no such file. */
function sendFile(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): boolean {
  const found = requestedFile(root, req);
  if (!found) return false;
  res.writeHead(200, { ...headers, 'Content-Length': found.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(found.file).pipe(res);
  return true;
}

// Pagefind's files are gzip with a signature inside. Labelled Content-Encoding: gzip, the browser
// unpacks them natively as they arrive, and Pagefind, finding the signature already bare, skips its
// own unpacking in JavaScript on the page's thread (some 5 ms a file on a slow machine, on every
// query's path). A client that does not take gzip gets the bytes as they are, which Pagefind unpacks.
function serveSearchFile(root: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (!SEARCH_FILE.test(requestPath(req))) return false;
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  return sendFile(root, req, res, {
    'Content-Type': 'application/octet-stream',
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
}

// sirv labels `x.gz` as Content-Encoding: gzip, so browsers would unpack a download such as
// t.mbox.gz; static hosts serve it as a gzip file, and so do we.
function serveGzipFile(root: string, req: IncomingMessage, res: ServerResponse): boolean {
  return requestPath(req).endsWith('.gz') && sendFile(root, req, res, { 'Content-Type': 'application/gzip' });
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
