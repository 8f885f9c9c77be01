// Content-layer loader for threads: every folder with a thread.yaml under the bundled content
// and the folders named by LOCKSTEP_CONTENT, parsed through the importers at build time.

import { delimiter, resolve } from 'node:path';
import type { Loader } from 'astro/loaders';
import { listThreadFolders, readThreadFolder } from '../importers/thread-folder.ts';
import { toMessageView } from '../lib/mail/thread-view.ts';

/** The content roots: the bundled `content/threads` plus each folder in LOCKSTEP_CONTENT (`DIR[:DIR…]`). */
export function contentRoots(env: Record<string, string | undefined> = process.env): string[] {
  const extra = (env.LOCKSTEP_CONTENT ?? '').split(delimiter).filter((dir) => dir.trim() !== '');
  return [resolve('content/threads'), ...extra.map((dir) => resolve(dir))];
}

/** Loads each thread folder as one entry keyed by its slug; a slug found twice fails the build. */
export function threadsLoader(): Loader {
  return {
    name: 'lockstep-threads',
    load: async ({ store, parseData, logger }) => {
      const started = performance.now();
      store.clear();
      const dirs = await listThreadFolders(contentRoots());
      let messageCount = 0;
      for (const dir of dirs) {
        const folder = await readThreadFolder(dir);
        if (store.has(folder.slug))
          throw new Error(`thread slug '${folder.slug}' appears twice (second copy: ${dir})`);
        const messages = folder.messages.map((message) => toMessageView(message));
        messageCount += messages.length;
        const data = await parseData({ id: folder.slug, data: { meta: folder.meta, messages, dir } });
        store.set({ id: folder.slug, data });
      }
      const ms = Math.round(performance.now() - started);
      logger.info(`${dirs.length} threads, ${messageCount} messages in ${ms} ms`);
    },
  };
}
