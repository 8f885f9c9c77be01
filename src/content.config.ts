import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import type { SkeletonRow } from './lib/mail/thread-view.ts';
import { threadsLoader } from './loaders/threads.ts';
import type { ThreadMessage } from './schemas/thread-message.ts';
import { threadMetaSchema } from './schemas/thread-meta.ts';

// Threads: parsed from the archive files in each thread folder (bundled and LOCKSTEP_CONTENT).
const threads = defineCollection({
  loader: threadsLoader(),
  schema: z.object({
    /** thread.yaml, validated. */
    meta: threadMetaSchema,
    /** Messages in thread reading order, ready to render. */
    messages: z.array(z.custom<ThreadMessage>()),
    /** The thread skeleton (messages and ghosts) in reading order. */
    rows: z.array(z.custom<SkeletonRow>()),
    /** Scenario model files in the thread's scenarios/ folder. */
    scenarios: z.array(z.string()),
    /** Folder the thread was read from. */
    dir: z.string(),
  }),
});

// Notes: one MDX file per thread folder (content/threads/<slug>/notes.mdx), keyed by the slug.
const notes = defineCollection({
  loader: glob({
    pattern: '*/notes.mdx',
    base: './content/threads',
    generateId: ({ entry }) => entry.split('/')[0] as string,
  }),
  schema: z.object({
    /** Who wrote the notes. */
    authors: z.array(z.string()).default([]),
  }),
});

export const collections = { threads, notes };
