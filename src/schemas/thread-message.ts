import type { LockdepReport } from '../lib/lockdep/types.ts';
import type { MessageView } from '../lib/mail/thread-view.ts';

/** A lockdep report found in a message, with its lines as they appear in the mail. */
export interface FoundReport extends LockdepReport {
  /** The report's lines, quote markers and timestamps included (shown in the raw view). */
  raw: string;
}

/** A message as the threads collection stores it: the rendered view plus the lockdep reports found in it. */
export interface ThreadMessage extends MessageView {
  /** Lockdep reports ("splats") in the body and text attachments, in order. */
  reports: FoundReport[];
}
