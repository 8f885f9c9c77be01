import { z } from 'astro/zod';

/** One archive file of a thread folder. */
export const sourceSchema = z.object({
  /** File name inside the thread folder, e.g. `thread.mbox` or the seed's pipermail text. */
  file: z.string().min(1),
  /** Archive format: `pipermail-text`, `mbox`, … (see src/importers/thread-folder.ts). */
  format: z.string().min(1),
});

/** `thread.yaml`: what a thread folder says about itself. */
export const threadMetaSchema = z.object({
  /** Title shown on the home page and the thread page; defaults to the first message's subject. */
  title: z.string().optional(),
  /** Mailing list the thread was posted to, e.g. `ofa-general`. */
  list: z.string().optional(),
  /** Kernel version the thread discusses, e.g. `2.6.30`; pins source links. */
  kernel: z.string().optional(),
  /** Kernel subsystems and modules involved, e.g. `infiniband/core: ib_cm`. */
  subsystems: z.array(z.string()).default([]),
  /** One or two sentences on what the thread is about (our words). */
  summary: z.string().optional(),
  /** Archive files holding the thread's messages. */
  sources: z.array(sourceSchema).min(1),
  /** Where the messages were first published, for the reader's reference. */
  origin: z.url().optional(),
});

export type ThreadMeta = z.infer<typeof threadMetaSchema>;
