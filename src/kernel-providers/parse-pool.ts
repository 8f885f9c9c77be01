// Parsing many C files on every core: a small pool of worker threads, each with its own tree-sitter parser.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cParser } from './c-parser.ts';
import { extractSymbols, type FileSymbols } from './c-symbols.ts';
import type { ParseReply, ParseRequest } from './index-worker.ts';
import { unpackSymbols } from './symbol-pack.ts';

/** A file to parse: its text, or its UTF-8 bytes (decoded by the parser thread that takes it). */
export type Source = { file: string; text: string } | { file: string; bytes: Uint8Array };

const decoder = new TextDecoder('utf-8');
/** The text of a source (bytes decoded like the workers do). */
export function sourceText(source: Source): string {
  return 'text' in source ? source.text : decoder.decode(source.bytes);
}

/** How many parser threads to use by default: one per core (tree-sitter parsing is CPU-bound). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

// A batch is about this many bytes of C: large enough that messaging costs little, small enough to balance.
const BATCH_BYTES = 512 * 1024;
// Batches in flight per worker, so that reading the next files overlaps parsing.
const IN_FLIGHT = 2;

/**
 * Parses every file and yields [file, symbols] in input order. With `workers` <= 1 the parse runs on this
 * thread; otherwise batches go round the pool and answers are put back in order.
 */
export async function* parseAll(
  files: AsyncIterable<Source> | Iterable<Source>,
  workers = defaultWorkers(),
): AsyncGenerator<[string, FileSymbols]> {
  if (workers <= 1) {
    const parser = await cParser();
    for await (const source of files)
      yield [source.file, extractSymbols(parser, source.file, sourceText(source))];
    return;
  }
  const pool = await startPool(workers);
  try {
    yield* runPool(pool, files);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

async function startPool(size: number): Promise<Worker[]> {
  const url = new URL('./index-worker.ts', import.meta.url);
  return Promise.all(
    Array.from({ length: size }, async () => {
      const worker = new Worker(url);
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      return worker;
    }),
  );
}

async function* runPool(
  pool: Worker[],
  files: AsyncIterable<Source> | Iterable<Source>,
): AsyncGenerator<[string, FileSymbols]> {
  const pending = new Map<number, { names: string[]; reply: Promise<FileSymbols[]> }>();
  const waiting = new Map<
    number,
    { resolve: (r: ParseReply['packed']) => void; reject: (e: unknown) => void }
  >();
  const load = new Map<Worker, number>(pool.map((w) => [w, 0]));
  // A worker that fails (a parser crash, an exit) fails every answer still awaited: the run stops, never hangs.
  const fail = (error: unknown): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  for (const worker of pool) {
    worker.on('message', (reply: ParseReply) => {
      load.set(worker, (load.get(worker) ?? 1) - 1);
      waiting.get(reply.id)?.resolve(reply.packed);
      waiting.delete(reply.id);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (waiting.size > 0) fail(new Error(`kernel index worker exited with code ${code}`));
    });
  }
  let nextId = 0;
  let nextOut = 0;
  const send = (batch: Source[]): void => {
    const id = nextId++;
    // The least busy worker takes the batch.
    const worker = pool.reduce((a, b) => ((load.get(b) ?? 0) < (load.get(a) ?? 0) ? b : a));
    load.set(worker, (load.get(worker) ?? 0) + 1);
    const names = batch.map((f) => f.file);
    const reply = new Promise<FileSymbols[]>((resolve, reject) =>
      waiting.set(id, { resolve: (packed) => resolve(unpackSymbols(packed, names)), reject }),
    );
    // Answers are awaited in order; one that fails while another is awaited must not go unhandled meanwhile.
    reply.catch(() => {});
    pending.set(id, { names, reply });
    const request = packRequest(id, batch);
    worker.postMessage(request, request.bytes ? [request.bytes] : []);
  };
  async function* drain(limit: number): AsyncGenerator<[string, FileSymbols]> {
    while (pending.size > limit) {
      const head = pending.get(nextOut);
      if (!head) break;
      const results = await head.reply;
      pending.delete(nextOut++);
      for (let i = 0; i < head.names.length; i++) {
        yield [head.names[i] ?? '', results[i] ?? { symbols: [], varTypes: [] }];
      }
    }
  }
  let batch: Source[] = [];
  let bytes = 0;
  for await (const source of files) {
    batch.push(source);
    bytes += 'text' in source ? source.text.length : source.bytes.length;
    if (bytes >= BATCH_BYTES) {
      send(batch);
      batch = [];
      bytes = 0;
      yield* drain(pool.length * IN_FLIGHT);
    }
  }
  if (batch.length > 0) send(batch);
  yield* drain(0);
}

// A batch as a message: the files given as bytes are copied into one buffer, which is then transferred.
function packRequest(id: number, batch: Source[]): ParseRequest {
  let total = 0;
  for (const f of batch) if ('bytes' in f) total += f.bytes.length;
  const bytes = total > 0 ? new Uint8Array(total) : undefined;
  let at = 0;
  const files = batch.map((f): ParseRequest['files'][number] => {
    if ('text' in f) return { file: f.file, text: f.text };
    bytes?.set(f.bytes, at);
    at += f.bytes.length;
    return { file: f.file, from: at - f.bytes.length, to: at };
  });
  return bytes ? { id, files, bytes: bytes.buffer } : { id, files };
}
