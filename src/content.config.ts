import { defineCollection } from 'astro:content';
import { createRequire } from 'node:module';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import type { Scenario } from './lib/locks/model.ts';
import type { ThreadMail } from './schemas/thread-mail.ts';
import { threadMetaSchema } from './schemas/thread-meta.ts';

// The loaders are loaded by Node itself, as the CLI loads them (Node strips the types), not through Vite,
// which runs this file: Vite transformed their ninety modules one by one with source maps, about half a
// second of every build (measured), and the loaders use nothing of Vite's. They are the same modules the
// build's integration imports (src/integrations/lockstep.ts), so `contentRoots` is one function for both.
// In `astro dev`, an edit to a loader needs a restart.
const nodeRequire = createRequire(import.meta.url);
const { scenariosLoader } = nodeRequire(
  './loaders/scenario-catalog.ts',
) as typeof import('./loaders/scenario-catalog.ts');
const { contentRoots, threadsLoader } = nodeRequire(
  './loaders/threads.ts',
) as typeof import('./loaders/threads.ts');

// Threads: one per thread page; mail parsed from the folders (bundled and LOCKSTEP_CONTENT) joined to it.
const threads = defineCollection({
  loader: threadsLoader(),
  schema: z.object({
    /** thread.yaml, validated. */
    meta: threadMetaSchema,
    /**
     * The thread's message file (src/loaders/thread-bodies.ts): its messages in reading order, headers,
     * place and reports, which site-data/thread-entries.ts joins to the entry (bodies: see `bodies`).
     */
    messageFile: z.string(),
    /** How many messages the message file holds. */
    messageCount: z.number(),
    /**
     * The thread's body file (src/loaders/thread-bodies.ts): the skeleton, and the bodies and recipients
     * that site-data/thread-messages.ts joins to the messages.
     */
    bodies: z.string(),
    /** Folder holding the page's thread.yaml. */
    dir: z.string(),
    /** True for an annotation folder (its thread.yaml names the `root` its mail joins by). */
    annotated: z.boolean(),
    /** Where the mail came from and what is missing (an annotation page builds without its mail). */
    mail: z.custom<ThreadMail>(),
  }),
});

// Scenarios: the one catalog of model files under every content root (src/loaders/scenario-catalog.ts).
const scenarios = defineCollection({
  loader: scenariosLoader(() => contentRoots()),
  schema: z.object({
    /** Slug of the thread folder the model lives in. */
    thread: z.string(),
    /** The thread's root Message-ID (thread.yaml `root`), without angle brackets. */
    threadRoot: z.string().optional(),
    /** Absolute path of the model file. */
    file: z.string(),
    /** The file's path as pages show it (relative to the project, or `<slug>/scenarios/<name>.ts`). */
    path: z.string(),
    /** The model file as written. */
    source: z.string(),
    /** Sources of the sibling models it imports (file name → TypeScript), for the editor's worker. */
    siblings: z.record(z.string(), z.string()),
    /** The model, checked by checkScenario. */
    scenario: z.custom<Scenario>(),
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

export const collections = { threads, notes, scenarios };
