// A stand-in for lore.kernel.org on 127.0.0.1: serves the 12 showcase threads of ../shared/corpus
// (read at run time, never copied) in public-inbox's URL layout, each thread by any of its messages'
// Message-IDs, the way public-inbox writes a thread mbox (separator `From mboxrd@z Thu Jan  1
// 00:00:00 1970`, Archived-At / List-Archive / List-Post appended, gzip). The first path segment picks
// a behaviour, so one server covers every error case:
//   /all/<id>/t.mbox.gz, /linux-rdma/<id>/t.mbox.gz   the thread (404 text when unknown)
//   /<inbox>/<id>/raw                                the message as text/plain
//   /flaky/…        429 with Retry-After: 1 on the first request for an id, then the thread
//   /busy/…         429 with Retry-After: 3600, always
//   /unavailable/…  503 without Retry-After, always
//   /truncated/…    the gzip cut in half
//   /html/…         200 text/html (a bot check page) instead of gzip
//   /gzip-html/…    gzip of an HTML page
//   /plain/…        the mbox not gzipped (as a decoding proxy would hand it over)
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { splitMbox } from '../../src/lib/mail/mbox.ts';
import { parseMessageIdHeader } from '../../src/lib/mail/message-ids.ts';
import { firstField, headerEnd, readRawHeaders } from '../../src/lib/mail/raw-headers.ts';

/** The showcase threads folder beside the repository. */
export const CORPUS_THREADS = resolve(import.meta.dirname, '../../../shared/corpus/threads');

/** One corpus thread as the server knows it. */
export interface ServedThread {
  file: string;
  messageIds: string[];
  /** The raw messages (mbox unescaped), in file order. */
  messages: Uint8Array[];
}

/** A running stand-in server. */
export interface LoreServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  threads: ServedThread[];
  /** Every request path received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Reads the showcase threads and indexes them by Message-ID. */
export function readCorpusThreads(dir = CORPUS_THREADS): ServedThread[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mbox'))
    .sort()
    .map((f) => {
      const messages = splitMbox(new Uint8Array(readFileSync(join(dir, f)))).map((e) => e.raw);
      const messageIds = messages.flatMap((raw) => {
        const id = parseMessageIdHeader(firstField(readRawHeaders(raw), 'message-id'));
        return id ? [id] : [];
      });
      return { file: f, messageIds, messages };
    });
}

const enc = new TextEncoder();

/** One message as public-inbox's Mbox.pm writes it into a thread mbox. */
function publicInboxEntry(raw: Uint8Array, archive: string, id: string): Uint8Array {
  const end = headerEnd(raw);
  const head = new TextDecoder('latin1').decode(raw.subarray(0, end)).replace(/\r?\n$/, '');
  const extra = `Archived-At: <${archive}/${encodeURIComponent(id)}/>\nList-Archive: <${archive}/>\nList-Post: <mailto:linux-rdma@vger.kernel.org>\n`;
  const body = new TextDecoder('latin1').decode(raw.subarray(end)).replace(/^(>*From )/gm, '>$1');
  const text = `From mboxrd@z Thu Jan  1 00:00:00 1970\n${head}\n${extra}${body}${body.endsWith('\n') ? '' : '\n'}\n`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Starts the server on 127.0.0.1 (a free port). */
export async function startLoreServer(threads = readCorpusThreads()): Promise<LoreServer> {
  const byId = new Map<string, ServedThread>();
  for (const t of threads) for (const id of t.messageIds) byId.set(id, t);
  const requests: string[] = [];
  const flakySeen = new Set<string>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const m = /^\/([\w.-]+)\/(.+?)\/(t\.mbox\.gz|raw)$/.exec(path.split('?')[0] ?? '');
    const send = (
      status: number,
      type: string,
      body: Uint8Array | string,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'Content-Type': type, ...headers });
      res.end(body);
    };
    if (!m) return send(404, 'text/plain', 'Not Found\n');
    const [, inbox, escaped, what] = m as unknown as [string, string, string, string];
    let id: string;
    try {
      id = decodeURIComponent(escaped);
    } catch {
      return send(400, 'text/plain', 'Bad Request\n');
    }
    const thread = byId.get(id);
    if (!thread)
      return send(
        404,
        'text/html; charset=UTF-8',
        `<html><body>Message-ID &lt;${id.replace(/[<>&]/g, '')}&gt; not found</body></html>`,
      );
    const archive = `${origin}/${inbox}`;
    if (what === 'raw') {
      const i = thread.messageIds.indexOf(id);
      return send(200, 'text/plain', publicInboxEntry(thread.messages[i] as Uint8Array, archive, id));
    }
    const mbox = Buffer.concat(
      thread.messages.map((raw, i) => publicInboxEntry(raw, archive, thread.messageIds[i] ?? '')),
    );
    const gz = gzipSync(mbox);
    const gzipHeaders = { 'Content-Disposition': `inline; filename=${thread.file}.gz` };
    switch (inbox) {
      case 'flaky':
        if (!flakySeen.has(id)) {
          flakySeen.add(id);
          return send(429, 'text/plain', 'Too Many Requests\n', { 'Retry-After': '1' });
        }
        return send(200, 'application/gzip', gz, gzipHeaders);
      case 'busy':
        return send(429, 'text/plain', 'Too Many Requests\n', { 'Retry-After': '3600' });
      case 'unavailable':
        return send(503, 'text/plain', 'Service Unavailable\n');
      case 'truncated':
        return send(200, 'application/gzip', gz.subarray(0, Math.floor(gz.length / 2)), gzipHeaders);
      case 'html':
        return send(
          200,
          'text/html',
          '<!DOCTYPE html><html><head><title>Making sure you are not a bot</title></head><body>…</body></html>',
        );
      case 'gzip-html':
        return send(
          200,
          'application/gzip',
          gzipSync(enc.encode('<html><body>Internal error</body></html>\n')),
        );
      case 'plain':
        return send(200, 'text/plain', mbox);
      default:
        return send(200, 'application/gzip', gz, gzipHeaders);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    threads,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A base URL on which nothing listens (connection refused). */
export async function refusedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((done) => server.close(() => done()));
  return `http://127.0.0.1:${port}`;
}
