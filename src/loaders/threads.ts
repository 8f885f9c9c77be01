// Content-layer loader for threads: one entry per thread page (thread-pages.ts decides which folders
// become pages and where each page's mail comes from), parsed through the importers at build time by a
// pool of worker threads (parse-pool.ts); a page whose inputs did not change since the last build is
// kept as it was (thread-bodies.ts).

import { existsSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { listFactVersions } from '../kernel-providers/facts.ts';
import type { ThreadMail } from '../schemas/thread-mail.ts';
import { inLanes } from './lanes.ts';
import { mailFilesFolder, writeMailManifest } from './mail-files.ts';
import { createParsePool, type ParsePool, parseWorkerCount } from './parse-pool.ts';
import { messageIdCache, stampedCache } from './stamped-cache.ts';
import { stepProgress } from './step-progress.ts';
import { bodyFile, hasThreadFiles, pageDigest, parserDigest, pruneBodies } from './thread-bodies.ts';
import { mentionScan } from './thread-mentions.ts';
import { folderCache, planThreadPages, type ThreadPage } from './thread-pages.ts';

/** Pages whose digest is computed at once (their files read side by side). */
const DIGEST_LANES = 16;

/** The content roots: the bundled `content/threads` plus each folder in LOCKSTEP_CONTENT (`DIR[:DIR…]`). */
export function contentRoots(env: Record<string, string | undefined> = process.env): string[] {
  const extra = (env.LOCKSTEP_CONTENT ?? '').split(delimiter).filter((dir) => dir.trim() !== '');
  return [resolve('content/threads'), ...extra.map((dir) => resolve(dir))];
}

/** Where a page's mail came from, and what is missing. */
function mailOf(page: ThreadPage, count: number): ThreadMail {
  const state = count === 0 ? 'absent' : page.missing.length > 0 ? 'partial' : 'present';
  return { state, folders: page.mailDirs, loreFiles: page.loreFiles, missing: page.missing };
}

/** A parse pool of `count` workers that find each page's symbol mentions as they parse (none: no scan). */
async function startParsePool(count: number, warn: (text: string) => void): Promise<ParsePool> {
  const scan = count > 0 ? await mentionScan(await listFactVersions()) : null;
  return createParsePool(count, warn, scan);
}

/** Loads each thread page as one entry keyed by its slug; a slug found twice fails the build. */
export function threadsLoader(): Loader {
  return {
    name: 'lockstep-threads',
    load: async ({ store, parseData, logger, config }) => {
      const started = performance.now();
      const cacheDir = fileURLToPath(config.cacheDir);
      const warn = logger.warn.bind(logger);
      // A first build (nothing in the store) parses every page: its workers start and load the parser
      // while this thread plans the pages and reads their files, instead of after.
      const earlyPool = store.keys().length === 0 ? startParsePool(parseWorkerCount(), warn) : null;
      // Its failure is met where it is awaited; until then it must not count as unhandled.
      earlyPool?.catch(() => {});
      // Closed once the pages are parsed, or when planning or parsing fails (workers would keep the
      // process alive).
      let pool: ParsePool | null = null;
      try {
        const ids = messageIdCache(cacheDir);
        const folders = folderCache(cacheDir);
        const pages = await planThreadPages(contentRoots(), warn, undefined, { ids, folders }, (total) =>
          stepProgress(logger, 'mail folders looked through for Message-IDs', total),
        );
        ids.save();
        folders.save();
        const parser = await parserDigest();
        const progress = stepProgress(logger, 'threads', pages.length);
        const seen = new Set<string>();
        const files = new Set<string>();
        const manifest = new Map<string, string>();
        let messageCount = 0;
        let parsedThreads = 0;
        for (const page of pages) {
          if (seen.has(page.slug))
            throw new Error(`thread slug '${page.slug}' appears twice (second copy: ${page.dir})`);
          seen.add(page.slug);
        }
        // The pages' digests, many at a time: an unchanged page costs only the reading of its files, and
        // the few lanes that keep the parse workers busy left the reads waiting one by one.
        const digests = new Map<string, string>();
        const fileDigests = stampedCache<string>(cacheDir, 'file-digests');
        // Each page's digest as it comes (a first build's parsing waits on these, below).
        const digestOf = new Map(pages.map((page) => [page.slug, Promise.withResolvers<string>()]));
        const digesting = inLanes(pages, DIGEST_LANES, async (page) => {
          const plan = { meta: page.meta, dir: page.dir, mail: page.mailDirs, lore: page.loreFiles };
          const digest = await pageDigest(
            parser,
            { ...plan, missing: page.missing },
            page.mailDirs,
            page.loreFiles,
            fileDigests,
          );
          digests.set(page.slug, digest);
          digestOf.get(page.slug)?.resolve(digest);
        });
        // A failed read fails the pages still waiting for their digest (and the load, below).
        digesting.catch((error: Error) => {
          for (const { reject } of digestOf.values()) reject(error);
        });
        for (const { promise } of digestOf.values()) promise.catch(() => {});
        // A first build parses every page, whatever its digest: the parsing starts with the first
        // digests while the others are read (1.5 s of reading and hashing 2,000 folders' mail on the
        // bulk archive, with the workers idle). Otherwise every digest first, to know what changed.
        if (!earlyPool) await digesting;
        // Unchanged since the last build (same digest, its files still where the entry says): no parsing.
        const unchanged = (page: ThreadPage) => {
          const digest = digests.get(page.slug) as string;
          const kept = store.get(page.slug);
          return (
            kept?.digest === digest &&
            kept.data.bodies === bodyFile(cacheDir, digest) &&
            hasThreadFiles(cacheDir, digest) &&
            existsSync(mailFilesFolder(cacheDir, digest))
          );
        };
        // A first build has nothing kept: every page is parsed.
        const toParse = new Set(earlyPool ? pages : pages.filter((page) => !unchanged(page)));
        // No more workers than pages to parse: one page (a thread added) is parsed in this thread, without
        // waiting for a worker to start and load the parser.
        // The symbol pages' scan is done by the parsing, while each thread's bodies are in memory.
        pool = (await earlyPool) ?? (await startParsePool(Math.min(parseWorkerCount(), toParse.size), warn));
        const workers = pool;
        const one = async (page: ThreadPage) => {
          const digest = digests.get(page.slug) ?? (await digestOf.get(page.slug)?.promise);
          if (digest === undefined) throw new Error(`${page.slug}: no digest`);
          const mailFiles = mailFilesFolder(cacheDir, digest);
          if (!toParse.has(page)) {
            files.add(bodyFile(cacheDir, digest));
            manifest.set(page.slug, mailFiles);
            messageCount += store.get(page.slug)?.data.messageCount as number;
            progress.tick();
            return;
          }
          const {
            messageFile,
            messageCount: count,
            bodies,
            warnings,
          } = await workers.parse(page, cacheDir, digest);
          for (const warning of warnings) logger.warn(warning);
          files.add(bodies);
          manifest.set(page.slug, mailFiles);
          messageCount += count;
          parsedThreads += 1;
          const data = await parseData({
            id: page.slug,
            data: {
              meta: page.meta,
              messageFile,
              messageCount: count,
              dir: page.dir,
              annotated: page.annotated,
              mail: mailOf(page, count),
              bodies,
            },
          });
          store.set({ id: page.slug, data, digest });
          progress.tick();
        };
        // A window of pages in flight keeps every worker busy without holding the whole archive.
        await inLanes(pages, pool.size * 2, one);
        await digesting;
        fileDigests.save();
        // Entries in page order, whatever order the workers finished in or the last build left: pages that
        // read the collection (the home page, and which copy of a shared Message-ID owns its permalink)
        // must not depend on timing.
        // Left alone when already so (and no page is gone): Astro then has no reason to write its store.
        const keys = store.keys();
        if (keys.length !== pages.length || pages.some((page, i) => keys[i] !== page.slug)) {
          const ordered = pages.map((page) => store.get(page.slug));
          store.clear();
          for (const entry of ordered)
            if (entry) store.set({ id: entry.id, data: entry.data, digest: entry.digest });
        }
        await pruneBodies(cacheDir, files);
        await writeMailManifest(
          cacheDir,
          pages.map((page) => ({ slug: page.slug, folder: manifest.get(page.slug) as string })),
        );
        progress.done();
        const ms = Math.round(performance.now() - started);
        logger.info(
          `${pages.length} threads, ${messageCount} messages in ${ms} ms (${parsedThreads} threads parsed on ${pool.size} thread${pool.size === 1 ? '' : 's'}, ${pages.length - parsedThreads} unchanged since the last build)`,
        );
      } finally {
        await (pool ?? (await earlyPool?.catch(() => null)))?.close();
      }
    },
  };
}
