import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../src/cli/serve.ts';

let root = '';
let server: Server;
let base = '';
/** A Pagefind fragment as Pagefind writes it: gzip of a 12-byte signature, then JSON. */
const fragment = gzipSync(Buffer.from('pagefind_dcd{"url":"/threads/a/"}'));
const mbox = gzipSync(Buffer.from('From x\n'));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ls-serve-'));
  mkdirSync(join(root, 'pagefind', 'fragment'), { recursive: true });
  writeFileSync(join(root, 'pagefind', 'fragment', 'en_1.pf_fragment'), fragment);
  mkdirSync(join(root, 'threads', 'a'), { recursive: true });
  writeFileSync(join(root, 'threads', 'a', 't.mbox.gz'), mbox);
  writeFileSync(join(root, '404.html'), '<p>gone</p>');
  ({ server, url: base } = await serveStatic(root, 0));
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(root, { recursive: true, force: true });
});

/** GETs `path` with the given Accept-Encoding (none when empty), without unpacking anything. */
function fetchRaw(
  path: string,
  encoding: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    // By host and path, not as a URL: `//x` must reach the server as sent, not as another host.
    const { hostname, port } = new URL(base);
    get({ hostname, port, path, headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', fail);
  });
}

describe('the site server', () => {
  it('labels Pagefind’s files gzip-encoded for a browser that takes gzip, so it unpacks them', async () => {
    const packed = await fetchRaw('/pagefind/fragment/en_1.pf_fragment', 'gzip, deflate, br');
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toBe('Accept-Encoding');
    expect(packed.body.equals(fragment)).toBe(true);
    // What the browser hands Pagefind: the bare signature, which Pagefind then does not unpack again.
    const response = await fetch(new URL('/pagefind/fragment/en_1.pf_fragment', base));
    expect((await response.text()).startsWith('pagefind_dcd')).toBe(true);
  });

  it('sends Pagefind’s files as they are to a client that does not take gzip', async () => {
    const plain = await fetchRaw('/pagefind/fragment/en_1.pf_fragment', '');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(fragment)).toBe(true);
  });

  it('serves a .gz download as a gzip file, not as an encoding of something else', async () => {
    const download = await fetchRaw('/threads/a/t.mbox.gz', 'gzip');
    expect(download.headers['content-type']).toBe('application/gzip');
    expect(download.headers['content-encoding']).toBeUndefined();
    expect(download.body.equals(mbox)).toBe(true);
  });

  it('answers a missing file or a malformed path with the 404 page', async () => {
    for (const path of [
      '/pagefind/fragment/none.pf_fragment',
      '/threads/%E0%A4%A.gz',
      '/../../etc/passwd',
      '//',
      '//x.gz',
      '//evil.example/a.pf_index?x',
    ]) {
      const missing = await fetchRaw(path, 'gzip');
      expect(missing.status, path).toBe(404);
      expect(missing.body.toString(), path).toContain('gone');
    }
  });
});
