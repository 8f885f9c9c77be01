// Worker thread for kernel:index: parses batches of C files with tree-sitter and sends their symbols back.
import { parentPort } from 'node:worker_threads';
import { cParser } from './c-parser.ts';
import { extractSymbols, type FileSymbols } from './c-symbols.ts';

/** A batch of files sent to a worker. */
export interface ParseRequest {
  id: number;
  files: Array<{ file: string; text: string }>;
}

/** A worker's answer: one FileSymbols per file of the batch, in the same order. */
export interface ParseReply {
  id: number;
  results: FileSymbols[];
}

if (parentPort) {
  const port = parentPort;
  const parser = await cParser();
  port.on('message', (request: ParseRequest) => {
    const results = request.files.map(({ file, text }) => extractSymbols(parser, file, text));
    port.postMessage({ id: request.id, results } satisfies ParseReply);
  });
  port.postMessage('ready');
}
