// Importing threads from lore: the client and its cache against a local public-inbox stand-in on
// 127.0.0.1 (tests/support/lore-server.ts), every showcase thread by any of its Message-IDs, the URL
// forms, the cache (second import makes no request, --refresh does), and each error: exit 1, a message
// that says what to do, and nothing written.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../src/importers/import-archives.ts';
import { findCachedThread, loreCacheDir } from '../../../src/importers/lore-cache.ts';
import {
  fetchThread,
  LoreError,
  loreThreadForBuild,
  retryAfterSeconds,
} from '../../../src/importers/lore-client.ts';
import { listThreadFolders, readThreadFolder } from '../../../src/importers/thread-folder.ts';
import { type LoreServer, refusedOrigin, startLoreServer } from '../../support/lore-server.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'lockstep-lore-'));
let server: LoreServer;
beforeAll(async () => {
  server = await startLoreServer();
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
const fresh = (name: string) => join(work, `${name}-${++n}`);

/**
 * Runs `npm run import -- --lore …` with the stand-in as LOCKSTEP_LORE and its own cache. Asynchronous:
 * the server runs in this process and must keep answering while the command runs.
 */
async function importLore(args: string[], env: { base?: string; cache: string }) {
  const out = fresh('out');
  const child = spawn(
    resolve(repoRoot, 'node_modules/.bin/node'),
    ['src/cli/import.ts', '--lore', '--json', '--out', out, ...args],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        LOCKSTEP_LORE: env.base ?? `${server.origin}/all`,
        LOCKSTEP_LORE_CACHE: env.cache,
      },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return {
    status,
    stdout,
    stderr,
    out,
    summary: status === 0 ? (JSON.parse(last) as ImportSummary) : undefined,
  };
}

/** True when nothing was left in the cache: no thread, no index entry, no temporary file. */
function cacheIsEmpty(dir: string): boolean {
  if (!existsSync(dir)) return true;
  return ['threads', 'ids'].every(
    (sub) => !existsSync(join(dir, sub)) || readdirSync(join(dir, sub)).length === 0,
  );
}

describe('fetchThread and the cache', () => {
  it('serves each of the 12 showcase threads by any of its messages, then from the cache', async () => {
    expect(server.threads).toHaveLength(12);
    const cacheDir = fresh('cache');
    for (const thread of server.threads) {
      // The last message: not the root, so the server must find the thread by a reply's id.
      const id = thread.messageIds.at(-1) as string;
      const first = await fetchThread({ messageId: id }, { base: `${server.origin}/all`, cacheDir });
      expect(first.cached, thread.file).toBe(false);
      expect(first.thread.messageIds).toEqual(thread.messageIds);
      expect(first.thread.url.startsWith(`${server.origin}/all/`)).toBe(true);
      expect(decodeURIComponent(new URL(first.thread.url).pathname)).toBe(`/all/${id}/t.mbox.gz`);
      expect(Date.parse(first.thread.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
      for (const other of thread.messageIds) {
        const hit = await findCachedThread(other, cacheDir);
        expect(hit?.key, other).toBe(first.thread.key);
      }
    }
    const requests = server.requests.length;
    for (const thread of server.threads) {
      const again = await fetchThread(
        { messageId: thread.messageIds[0] as string },
        { base: `${server.origin}/all`, cacheDir },
      );
      expect(again.cached).toBe(true);
    }
    expect(server.requests.length).toBe(requests);
    expect(await findCachedThread('not-there@example.org', cacheDir)).toBeUndefined();
  });

  it('puts the cache in LOCKSTEP_LORE_CACHE, else under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(loreCacheDir({ LOCKSTEP_LORE_CACHE: '/c', XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/c');
    expect(loreCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/x/lockstep/lore');
    expect(loreCacheDir({}, 'linux')).toMatch(/\/\.cache\/lockstep\/lore$/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds('Wed, 01 Jan 2025 00:00:30 GMT', Date.parse('2025-01-01T00:00:00Z'))).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
  });

  it('waits out a 429 with a short Retry-After and then gets the thread', async () => {
    const waits: number[] = [];
    const id = server.threads[0]?.messageIds[1] as string;
    const got = await fetchThread(
      { messageId: id },
      { base: `${server.origin}/flaky`, cacheDir: fresh('cache'), sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([1000]);
    expect(got.thread.messageIds).toContain(id);
  });

  it('accepts an mbox a proxy already decompressed', async () => {
    const id = server.threads[2]?.messageIds[0] as string;
    const got = await fetchThread(
      { messageId: id },
      { base: `${server.origin}/plain`, cacheDir: fresh('cache') },
    );
    expect(got.thread.messageIds).toEqual(server.threads[2]?.messageIds);
    expect(readFileSync(got.thread.file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  const id = () => server.threads[1]?.messageIds[0] as string;
  const failures: [string, () => Promise<string>, RegExp][] = [
    [
      '404',
      async () => `${server.origin}/all`,
      /^no message <not-on-lore@example\.org> on http:\/\/127\.0\.0\.1:\d+\/all \(HTTP 404/,
    ],
    [
      '429 with a long Retry-After',
      async () => `${server.origin}/busy`,
      /answered 429 .*asking to wait 3600 s; gave up after 1 request.*try again later/,
    ],
    [
      '503 three times',
      async () => `${server.origin}/unavailable`,
      /answered 503 .*gave up after 3 requests/,
    ],
    [
      'a truncated gzip',
      async () => `${server.origin}/truncated`,
      /gzip stream from .* is cut short or damaged/,
    ],
    [
      'HTML instead of mbox',
      async () => `${server.origin}/html`,
      /did not send a gzip mbox but an HTML page \("Making sure you are not a bot"\)/,
    ],
    [
      'gzip that is not an mbox',
      async () => `${server.origin}/gzip-html`,
      /sent gzip data that is not an mbox but/,
    ],
    [
      'a refused connection',
      async () => `${await refusedOrigin()}/all`,
      /cannot reach .*connection refused \(ECONNREFUSED\).*npm run import -- FILE/,
    ],
    [
      'a name that does not resolve',
      async () => 'http://lore.invalid/all',
      /cannot reach http:\/\/lore\.invalid\/.*does not resolve \((ENOTFOUND|EAI_AGAIN)/,
    ],
  ];
  for (const [name, base, message] of failures) {
    it(`fails clearly on ${name} and caches nothing`, async () => {
      const cacheDir = fresh('cache');
      const messageId = name === '404' ? 'not-on-lore@example.org' : id();
      const error = await fetchThread(
        { messageId },
        { base: await base(), cacheDir, sleep: async () => undefined },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoreError);
      expect((error as Error).message).toMatch(message);
      expect(cacheIsEmpty(cacheDir)).toBe(true);
      expect(
        existsSync(cacheDir)
          ? readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).includes('.tmp-'))
          : [],
      ).toEqual([]);
    });
  }

  it('refuses a thread over the size limit', async () => {
    const cacheDir = fresh('cache');
    const error = await fetchThread(
      { messageId: id() },
      { base: `${server.origin}/all`, cacheDir, maxBytes: 1000 },
    ).catch((e: unknown) => e);
    expect((error as LoreError).kind).toBe('too-large');
    expect((error as Error).message).toMatch(/larger than the limit .*raise --max-bytes/);
    expect(existsSync(join(cacheDir, 'threads'))).toBe(false);
  });
});

describe('npm run import -- --lore', () => {
  const thread = () => server.threads[5] as NonNullable<LoreServer['threads'][0]>;

  it('imports a thread by a lore URL, then again from the cache with no request, and --refresh fetches', async () => {
    const cache = fresh('cache');
    const id = thread().messageIds.at(-1) as string;
    const url = `${server.origin}/linux-rdma/${encodeURIComponent(id)}/T/#u`;
    const first = await importLore([url], { cache });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain(`lore: fetched ${server.origin}/linux-rdma/`);
    expect(first.summary).toMatchObject({ imported: thread().messageIds.length, rejected: 0 });
    const ids: string[] = [];
    for (const folder of await listThreadFolders([first.out])) {
      ids.push(...(await readThreadFolder(folder)).messages.map((m) => m.messageId));
    }
    expect(ids.sort()).toEqual([...thread().messageIds].sort());

    const before = server.requests.length;
    for (const form of [
      `<${thread().messageIds[0]}>`,
      `id:${thread().messageIds[1]}`,
      `${server.origin}/all/${thread().messageIds[0]}/raw`,
    ]) {
      const again = await importLore([form], { cache });
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/from the cache \(\d+ messages, fetched \d{4}-\d\d-\d\dT/);
    }
    expect(server.requests.length).toBe(before);

    const refreshed = await importLore(['--refresh', thread().messageIds[0] as string], { cache });
    expect(refreshed.status).toBe(0);
    expect(server.requests.length).toBe(before + 1);
  });

  it('exits 1 with the reason and writes nothing on a 404', async () => {
    const cache = fresh('cache');
    const run = await importLore(['<missing-thread@example.org>'], { cache });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /import failed: no message <missing-thread@example\.org> on http:\/\/127\.0\.0\.1:\d+\/all/,
    );
    expect(existsSync(run.out)).toBe(false);
    expect(cacheIsEmpty(cache)).toBe(true);
  });

  it('exits 1 on --max-bytes and 2 on a reference that is no Message-ID', async () => {
    const cache = fresh('cache');
    const big = await importLore(['--max-bytes', '2K', thread().messageIds[0] as string], { cache });
    expect(big.status).toBe(1);
    expect(big.stderr).toMatch(/larger than the limit/);
    expect(existsSync(big.out)).toBe(false);
    const bad = await importLore(['two words'], { cache });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('not a Message-ID or lore URL: two words');
  });
});

describe('loreThreadForBuild', () => {
  it('reads the cache, and fetches only with LOCKSTEP_FETCH=1', async () => {
    const cache = fresh('cache');
    const id = server.threads[3]?.messageIds[0] as string;
    const env = { LOCKSTEP_LORE_CACHE: cache, LOCKSTEP_LORE: `${server.origin}/all` };
    const before = server.requests.length;
    expect(await loreThreadForBuild(id, env)).toBeUndefined();
    expect(server.requests.length).toBe(before);
    const fetched = await loreThreadForBuild(id, { ...env, LOCKSTEP_FETCH: '1' });
    expect(fetched?.messageIds).toEqual(server.threads[3]?.messageIds);
    expect(server.requests.length).toBe(before + 1);
    expect((await loreThreadForBuild(id, env))?.key).toBe(fetched?.key);
    expect(server.requests.length).toBe(before + 1);
  });
});
