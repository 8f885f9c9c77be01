// Worker thread for kernel:index: parses batches of C files with tree-sitter and sends their symbols back.
import { parentPort } from 'node:worker_threads';
import { cParser } from './c-parser.ts';
import { extractSymbols } from './c-symbols.ts';
import { type PackedSymbols, packSymbols } from './symbol-pack.ts';

/**
 * A batch of files sent to a worker. A file is given as text, or as the byte range [from, to) of `bytes`
 * (UTF-8, decoded here: decoding is then done on the parser threads, and the batch's bytes are transferred,
 * not copied).
 */
export interface ParseRequest {
  id: number;
  files: Array<{ file: string; text?: string; from?: number; to?: number }>;
  bytes?: ArrayBuffer;
}

/** A worker's answer: the symbols of every file of the batch, packed, in the batch's order. */
export interface ParseReply {
  id: number;
  packed: PackedSymbols;
}

if (parentPort) {
  const port = parentPort;
  const parser = await cParser();
  // Not fatal, like the reader's decoder before: a stray Latin-1 byte becomes U+FFFD and lines stay.
  const decoder = new TextDecoder('utf-8');
  port.on('message', (request: ParseRequest) => {
    const bytes = request.bytes ? new Uint8Array(request.bytes) : undefined;
    const results = request.files.map(({ file, text, from = 0, to = 0 }) =>
      extractSymbols(parser, file, text ?? decoder.decode(bytes?.subarray(from, to))),
    );
    const packed = packSymbols(results);
    port.postMessage({ id: request.id, packed } satisfies ParseReply, [
      packed.rows.buffer,
      packed.counts.buffer,
      packed.varTypes.buffer,
    ]);
  });
  port.postMessage('ready');
}
