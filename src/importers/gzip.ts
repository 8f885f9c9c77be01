// The one gzip sniff of the importers: archives, pages and lore's answers are recognised as gzip by
// their magic bytes, never by a `.gz` name.

import { gunzipSync } from 'node:zlib';

/** True when bytes start with the gzip magic number (1f 8b). */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Inflates the start of a gzip stream (a file's first bytes): a truncated stream would throw, so
 * Z_SYNC_FLUSH keeps what was inflated so far. Throws when the bytes are not gzip data at all.
 */
export function gunzipHead(head: Uint8Array): Uint8Array {
  const inflated = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
}
