// Fetches a whole thread from a lore-compatible (public-inbox) archive, the way b4 does: GET
// `<base>/<escaped Message-ID>/t.mbox.gz` (application/gzip, mboxrd, every message of the thread),
// then checks it and stores it in the cache (lore-cache.ts). Errors say what went wrong and what to
// do, and nothing is written unless the whole thread arrived and reads as mail.

import { gunzipSync, gzipSync } from 'node:zlib';
import { LORE_ALL, type LoreRef, loreThreadMboxUrl } from '../lib/mail/lore.ts';
import { isFromLine, splitMbox } from '../lib/mail/mbox.ts';
import { parseMessageIdHeader } from '../lib/mail/message-ids.ts';
import { firstField, readRawHeaders } from '../lib/mail/raw-headers.ts';
import { isGzip } from './gzip.ts';
import { type CachedThread, findCachedThread, loreCacheDir, storeThread } from './lore-cache.ts';

/** Why a fetch failed (the message says it in words). */
export type LoreErrorKind =
  | 'offline'
  | 'not-found'
  | 'rate-limited'
  | 'http'
  | 'not-gzip'
  | 'truncated'
  | 'not-mbox'
  | 'too-large';

/** A fetch that failed; `message` names the URL and what to do. */
export class LoreError extends Error {
  /** What kind of failure it was. */
  readonly kind: LoreErrorKind;
  constructor(kind: LoreErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = 'LoreError';
  }
}

/** Options of fetchThread. */
export interface FetchOptions {
  /** Archive base for bare Message-IDs (default LOCKSTEP_LORE, else https://lore.kernel.org/all). */
  base?: string;
  /** Cache folder (default loreCacheDir()). */
  cacheDir?: string;
  /** Fetch again even when the thread is cached. */
  refresh?: boolean;
  /** Largest thread accepted, in bytes of mbox after decompression (default 64 MiB; 0: no limit). */
  maxBytes?: number;
  /** Longest Retry-After the client waits for on 429/503, in seconds (default 60). */
  maxRetryAfter?: number;
  /** Requests per thread at most, the first included (default 3). */
  attempts?: number;
  /** Time allowed for one request, in ms (default 60 s). */
  timeoutMs?: number;
  /** Told before each wait for a retry. */
  onRetry?: (info: { url: string; status: number; seconds: number; attempt: number }) => void;
  /** The fetch to use (tests pass none: the real one against a local server). */
  fetch?: typeof fetch;
  /** Sleep, replaceable so waits stay bounded and observable. */
  sleep?: (ms: number) => Promise<void>;
}

/** What fetchThread returns: the cached thread and whether the network was used. */
export interface FetchResult {
  thread: CachedThread;
  /** True when the thread came from the cache with no request made. */
  cached: boolean;
}

/** Default thread size limit: 64 MiB of mbox (lore's largest threads are a few MiB gzip). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The archive base from the environment: LOCKSTEP_LORE or lore's `all` inbox. */
export function loreBase(env: Record<string, string | undefined> = process.env): string {
  return (env.LOCKSTEP_LORE || LORE_ALL).replace(/\/+$/, '');
}

/**
 * The thread holding `ref.messageId`: from the cache when it is there (no request) unless `refresh`,
 * else fetched from the archive, checked, and cached. Throws LoreError; writes nothing on failure.
 */
export async function fetchThread(ref: LoreRef, options: FetchOptions = {}): Promise<FetchResult> {
  const cacheDir = options.cacheDir ?? loreCacheDir();
  if (!options.refresh) {
    const hit = await findCachedThread(ref.messageId, cacheDir);
    if (hit) return { thread: hit, cached: true };
  }
  const base = ref.base ?? options.base ?? loreBase();
  const url = loreThreadMboxUrl(ref.messageId, base);
  const body = await download(url, { messageId: ref.messageId, base }, options);
  const { gzip, mbox } = checkGzip(body, url, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const messageIds = mboxMessageIds(mbox, url);
  const thread = await storeThread(gzip, { url, requested: ref.messageId, messageIds }, cacheDir);
  return { thread, cached: false };
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); undefined when absent. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

async function download(
  url: string,
  { messageId, base }: { messageId: string; base: string },
  options: FetchOptions,
): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const attempts = Math.max(1, options.attempts ?? 3);
  const maxWait = options.maxRetryAfter ?? 60;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { 'User-Agent': 'lockstep (thread import; like b4)', Accept: 'application/gzip, */*' },
        redirect: 'follow',
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new LoreError(
        'offline',
        `cannot reach ${url}: ${networkCause(error)}. Check the network (or LOCKSTEP_LORE), or download the thread's mbox in a browser and import the file: npm run import -- FILE`,
      );
    }
    if (response.ok) return readBody(response, url, maxBytes);
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 404 || response.status === 410) {
      throw new LoreError(
        'not-found',
        `no message <${messageId}> on ${base} (HTTP ${response.status} for ${url}): check the Message-ID, or give the list's archive URL (https://lore.kernel.org/<list>/<Message-ID>/)`,
      );
    }
    if (response.status === 429 || response.status === 503) {
      const asked = retryAfterSeconds(response.headers.get('retry-after'));
      const wait = asked ?? 2 ** (attempt - 1);
      if (attempt >= attempts || wait > maxWait) {
        const why = asked === undefined ? '' : `, asking to wait ${asked} s`;
        throw new LoreError(
          'rate-limited',
          `${url} answered ${response.status} ${response.statusText || (response.status === 429 ? 'Too Many Requests' : 'Service Unavailable')}${why}; gave up after ${attempt} request${attempt === 1 ? '' : 's'} (waits over ${maxWait} s are not taken): try again later`,
        );
      }
      options.onRetry?.({ url, status: response.status, seconds: wait, attempt });
      await sleep(wait * 1000);
      continue;
    }
    throw new LoreError(
      'http',
      `${url} answered HTTP ${response.status} ${response.statusText}: nothing imported`,
    );
  }
}

/** The words for a failed connection: DNS, refused, timed out… */
function networkCause(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'no answer before the timeout';
  const code = e.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `the host name does not resolve (${code}: offline or DNS failure)`;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code) return `${code}${e.cause?.message ? `: ${e.cause.message}` : ''}`;
  return e.cause?.message ?? e.message ?? String(error);
}

/** Reads a response body, stopping as soon as it passes the limit. */
async function readBody(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (maxBytes > 0 && length > maxBytes) throw tooLarge(url, length, maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (maxBytes > 0 && size > maxBytes) {
        await reader.cancel();
        throw tooLarge(url, size, maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof LoreError) throw error;
    throw new LoreError(
      'truncated',
      `the connection to ${url} broke after ${size} bytes (${(error as Error).message}): try again`,
    );
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function tooLarge(url: string, size: number, max: number): LoreError {
  return new LoreError(
    'too-large',
    `the thread at ${url} is larger than the limit (${size > max ? `over ${max}` : size} bytes): raise --max-bytes (0 for no limit) if you mean to import it`,
  );
}

/** Checks the body is gzip holding an mbox; returns both forms. */
function checkGzip(body: Uint8Array, url: string, maxBytes: number): { gzip: Uint8Array; mbox: Uint8Array } {
  if (!isGzip(body)) {
    // A proxy (or fetch itself, for Content-Encoding: gzip) may hand over the mbox already inflated.
    if (startsWithFromLine(body)) return { gzip: new Uint8Array(gzipSync(body)), mbox: body };
    throw new LoreError(
      'not-gzip',
      `${url} did not send a gzip mbox but ${describeBody(body)}: nothing imported`,
    );
  }
  let mbox: Uint8Array;
  try {
    mbox = new Uint8Array(gunzipSync(body, maxBytes > 0 ? { maxOutputLength: maxBytes } : {}));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      throw tooLarge(url, maxBytes + 1, maxBytes);
    throw new LoreError(
      'truncated',
      `the gzip stream from ${url} is cut short or damaged (${(error as Error).message}): try again, or download the file and import it`,
    );
  }
  if (!startsWithFromLine(mbox)) {
    throw new LoreError(
      'not-mbox',
      `${url} sent gzip data that is not an mbox but ${describeBody(mbox)}: nothing imported`,
    );
  }
  return { gzip: body, mbox };
}

function startsWithFromLine(bytes: Uint8Array): boolean {
  const nl = bytes.indexOf(10);
  const end = nl < 0 ? bytes.length : nl;
  return isFromLine(bytes, 0, end);
}

/** A few words on what came instead of mail (an HTML page often is a bot check or an error page). */
function describeBody(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty body';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 300));
  if (/^\s*<(?:!doctype html|html)/i.test(text)) {
    const title = /<title>([^<]{0,80})/i.exec(text)?.[1]?.trim();
    return `an HTML page${title ? ` ("${title.replace(/\p{Cc}/gu, '?')}")` : ''}, perhaps an error page or a bot check`;
  }
  const line =
    text
      .split('\n', 1)[0]
      ?.slice(0, 60)
      .replace(/\p{Cc}/gu, '?') ?? '';
  return `${bytes.length} bytes starting "${line}"`;
}

/** Message-IDs of every entry of the mbox, in order; throws when an entry is not a mail. */
function mboxMessageIds(mbox: Uint8Array, url: string): string[] {
  const entries = splitMbox(mbox, 'mboxrd');
  if (entries.length === 0)
    throw new LoreError('not-mbox', `${url} sent an mbox without messages: nothing imported`);
  return entries
    .map((e) => {
      const headers = readRawHeaders(e.raw);
      const id = parseMessageIdHeader(firstField(headers, 'message-id'));
      if (headers.fields.size === 0)
        throw new LoreError(
          'not-mbox',
          `${url} sent an mbox whose entry ${e.index} has no header: nothing imported`,
        );
      return id ?? '';
    })
    .filter((id) => id !== '');
}

/**
 * For a build completing annotation folders: the cached thread holding `messageId`, without network
 * by default; fetched from lore (LOCKSTEP_LORE) only when LOCKSTEP_FETCH=1, so builds stay offline
 * and reproducible unless asked. Undefined when the thread is neither cached nor fetched.
 */
export async function loreThreadForBuild(
  messageId: string,
  env: Record<string, string | undefined> = process.env,
): Promise<CachedThread | undefined> {
  const cacheDir = loreCacheDir(env);
  const hit = await findCachedThread(messageId, cacheDir);
  if (hit || env.LOCKSTEP_FETCH !== '1') return hit;
  return (await fetchThread({ messageId }, { cacheDir, base: loreBase(env) })).thread;
}
