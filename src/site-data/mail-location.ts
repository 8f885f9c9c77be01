// Where an annotated thread's mail is, for the line the page shows when the build does not hold it all:
// the thread on lore, its mbox there, and the commands that bring it into a build.

import { loreMessageUrl, loreThreadMboxUrl } from '../lib/mail/lore-url.ts';
import type { ThreadMail } from '../schemas/thread-mail.ts';
import type { ThreadMeta } from '../schemas/thread-meta.ts';

/** What the page says about a thread's mail. */
export interface MailLocation {
  state: ThreadMail['state'];
  /** The thread on lore (thread.yaml `lore`, else lore's page of the root). */
  lore: string;
  /** Each missing thread's mbox on lore, with the Message-ID it is for. */
  downloads: Array<{ messageId: string; lore: string; mbox: string }>;
  /** Commands that import the downloaded files and build with them. */
  commands: string[];
}

/** The mail location of a thread page; undefined for a page whose folder names no root. */
export function mailLocation(meta: ThreadMeta, mail: ThreadMail): MailLocation | undefined {
  if (!meta.root) return undefined;
  const downloads = mail.missing.map((messageId) => ({
    messageId,
    lore: loreMessageUrl(messageId),
    mbox: loreThreadMboxUrl(messageId),
  }));
  const files = downloads.map((_d, i) => (downloads.length > 1 ? `t${i + 1}.mbox.gz` : 't.mbox.gz'));
  return {
    state: mail.state,
    lore: meta.lore ?? loreMessageUrl(meta.root),
    downloads,
    commands: [
      `npm run import -- --out imported ${files.join(' ')}`,
      'LOCKSTEP_CONTENT=imported npm run build',
    ],
  };
}
