import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteMirrorProvider, mirrorUrl } from '../../../src/kernel-providers/remote-mirror.ts';
import { fixtureFiles } from './support/fixture-tree.ts';

// A plain-file mirror on 127.0.0.1 serving the fixture tree under /v2.6.30/, counting requests.
const files = new Map(fixtureFiles().map(({ file, text }) => [`/v2.6.30/${file}`, text]));
const requests: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (req.url === '/v2.6.30/boom.c') res.writeHead(500).end('no');
    else if (body === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
const caches = mkdtempSync(join(tmpdir(), 'lockstep-mirror-'));
const newCache = (): string => mkdtempSync(join(caches, 'cache-'));
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(caches, { recursive: true, force: true });
});

describe('remote mirror provider', () => {
  it('builds URLs from a base or a template', () => {
    expect(mirrorUrl('https://m.example/linux/', 'v2.6.30', 'kernel/timer.c')).toBe(
      'https://m.example/linux/v2.6.30/kernel/timer.c',
    );
    expect(mirrorUrl('https://raw.example/torvalds/linux/{tag}/{path}', 'v2.6.30', 'a b/c.h')).toBe(
      'https://raw.example/torvalds/linux/v2.6.30/a%20b/c.h',
    );
  });

  it('fetches once, then answers from the on-disk cache', async () => {
    const cacheDir = newCache();
    const provider = createRemoteMirrorProvider({ baseUrl: base, cacheDir });
    requests.length = 0;
    const first = await provider.readFile('2.6.30', 'kernel/timer.c');
    const second = await provider.readFile('2.6.30', 'kernel/timer.c');
    expect(first).toBe(files.get('/v2.6.30/kernel/timer.c'));
    expect(second).toBe(first);
    expect(requests).toEqual(['/v2.6.30/kernel/timer.c']);
    expect(readFileSync(join(cacheDir, 'v2.6.30/kernel/timer.c'), 'utf8')).toBe(first);
  });

  it('serves the cache when the mirror is gone', async () => {
    const cacheDir = newCache();
    await createRemoteMirrorProvider({ baseUrl: base, cacheDir }).readFile('2.6.30', 'kernel/timer.c');
    const offline = createRemoteMirrorProvider({ baseUrl: 'http://127.0.0.1:9', cacheDir, timeoutMs: 2000 });
    expect(await offline.readFile('2.6.30', 'kernel/timer.c')).toContain('del_timer_sync');
    expect(await offline.readFile('2.6.30', 'kernel/other.c')).toBeNull();
  });

  it('remembers 404s, does not cache server errors, refuses unsafe paths', async () => {
    const cacheDir = newCache();
    const provider = createRemoteMirrorProvider({ baseUrl: base, cacheDir });
    requests.length = 0;
    expect(await provider.readFile('2.6.30', 'kernel/nope.c')).toBeNull();
    expect(await provider.readFile('2.6.30', 'kernel/nope.c')).toBeNull();
    expect(await provider.readFile('2.6.30', 'boom.c')).toBeNull();
    expect(await provider.readFile('2.6.30', 'boom.c')).toBeNull();
    expect(await provider.readFile('2.6.30', '../secret')).toBeNull();
    expect(requests).toEqual(['/v2.6.30/kernel/nope.c', '/v2.6.30/boom.c', '/v2.6.30/boom.c']);
    expect(existsSync(join(cacheDir, 'v2.6.30/boom.c'))).toBe(false);
  });
});
