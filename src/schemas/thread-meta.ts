import { z } from 'astro/zod';
import { BUG_KINDS } from '../lib/lockdep/types.ts';
import { FORMAT_NAMES } from '../lib/mail/source-formats.ts';

/** One archive file of a thread folder. */
export const sourceSchema = z.object({
  /** File name inside the thread folder, e.g. `thread.mbox` or the seed's pipermail text. */
  file: z.string().min(1),
  /** Archive format: `pipermail-text`, `mbox`, … (src/lib/mail/source-formats.ts; `pipermail-mbox` is an old name). */
  format: z.enum(FORMAT_NAMES),
});

/** A Message-ID as thread.yaml writes it: without angle brackets, no white space. */
const messageId = z
  .string()
  .min(3)
  .regex(/^[^<>\s]+$/, 'a Message-ID without angle brackets or white space');

/**
 * `thread.yaml`: what a thread folder says about itself. A folder holds mail (`sources`), or is an
 * annotation folder (`root`, no mail: the mail joins by Message-ID at build time, docs/knowledge-base.md),
 * or both. Keys not named here are dropped: the importer's `messages` count and its `message_ids` list
 * (IMPORTED_IDS, read by the build's planning only) never reach the pages.
 */
export const threadMetaSchema = z
  .object({
    /** Title shown on the home page and the thread page; defaults to the first message's subject. */
    title: z.string().optional(),
    /** Mailing list the thread was posted to, e.g. `ofa-general`, `linux-rdma`. */
    list: z.string().optional(),
    /** Kernel version the thread discusses, e.g. `2.6.30`; pins source links. */
    kernel: z.string().optional(),
    /** Kernel subsystems and modules involved, most important first (the home page groups by the first). */
    subsystems: z.array(z.string()).default([]),
    /** One or two sentences on what the thread is about (our words). */
    summary: z.string().optional(),
    /** Archive files holding the thread's messages; none in an annotation folder. */
    sources: z.array(sourceSchema).default([]),
    /** Message-ID of the thread's first message: the key that joins an annotation folder to its mail. */
    root: messageId.optional(),
    /**
     * Message-IDs of further header-threads that belong on this page (a patch version re-posted as a new
     * thread); their mail joins like the root's.
     */
    joins: z.array(messageId).default([]),
    /** The thread on lore.kernel.org (where the mail is when it is not in the build). */
    lore: z.url().optional(),
    /** Kind of bug the thread is about, as lockdep names it; the knowledge base groups by it. */
    kind: z.enum(BUG_KINDS).optional(),
    /** Where the messages were first published, for the reader's reference. */
    origin: z.url().optional(),
  })
  .refine((meta) => meta.sources.length > 0 || meta.root !== undefined, {
    message: "thread.yaml needs 'sources' (mail in the folder) or 'root' (the Message-ID its mail joins by)",
  });

export type ThreadMeta = z.infer<typeof threadMetaSchema>;
