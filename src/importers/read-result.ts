// What reading a mail source yields, and the options every reader takes.

import type { MboxFlavour } from '../lib/mail/mbox.ts';
import type { SourceFormat } from '../lib/mail/source-formats.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import type { ProgressFn } from './raw-entries.ts';

/** An entry that could not be imported, and why. */
export interface Rejection {
  rejected: true;
  /** The source path (for public-inbox: `<repo>#<commit>`). */
  source: string;
  /** 0-based position of the entry in the source. */
  index: number;
  /** Why it was rejected, in plain words. */
  reason: string;
}

/** What readMessages yields: a message or a rejection. */
export type ReadResult = ParsedMessage | Rejection;

/** Options for readMessages. */
export interface ReadOptions {
  /** Force a format instead of detecting it. */
  format?: SourceFormat;
  /** mbox escaping flavour (default mboxrd; for pipermail monthly archives default mboxo). */
  flavour?: MboxFlavour;
  /** List name to record (otherwise List-Id, or the pipermail subject tag). */
  list?: string;
  /**
   * `full` (default) decodes bodies and attachments with postal-mime; `headers` reads header
   * fields only (body empty, no attachments), ten times faster, which is all threading needs.
   */
  decode?: 'full' | 'headers';
  /** Keep each message's raw bytes in `message.raw` (the importer writes them out). */
  keepRaw?: boolean;
  /** Called as the source is consumed (bytes done, bytes total); mbox sources only. */
  onProgress?: ProgressFn;
}

/** True when a read result is a rejection. */
export function isRejection(result: ReadResult): result is Rejection {
  return (result as Rejection).rejected === true;
}
