// When a file of the site gets a gzip copy (`file.gz`) and how it is made: one policy for the build's
// gzip step (integrations/precompress.ts) and for the mail-files step, which gzips each permalink's page
// and raw view in the cache folder it places them from (loaders/mail-files.ts completeGzipCopies).

import { gzipSync } from 'node:zlib';

/** Text assets worth compressing; Pagefind's own index files are gzip already. */
export const COMPRESSIBLE = /\.(html|js|css|json|svg|txt|mmd|xml)$/;
/**
 * zlib's default level: on the 15k-message build's thread pages it is 1.6 times as fast as level 9 for
 * 2 % more bytes (14.4 s vs 23.6 s for 914 MB of HTML).
 */
export const GZIP_LEVEL = 6;
/**
 * Smaller files get no copy: a response this small goes in one TCP packet compressed or not (about
 * 1,460 bytes of payload on Ethernet), so the copy saves no time. It leaves out every permalink's
 * redirect page (1.0–1.5 KB): 14,600 files and gzip calls on the bulk archive.
 */
export const MIN_GZIP_BYTES = 1500;

/** True when a file of `size` bytes named `name` is worth a gzip copy. */
export function wantsGzipCopy(name: string, size: number): boolean {
  return size >= MIN_GZIP_BYTES && COMPRESSIBLE.test(name);
}

/** The gzip copy of `bytes`, or null when it would not be smaller (synchronous: for worker threads). */
export function gzipCopyBytes(bytes: Uint8Array): Uint8Array | null {
  const packed = gzipSync(bytes, { level: GZIP_LEVEL });
  return packed.length < bytes.length ? packed : null;
}
