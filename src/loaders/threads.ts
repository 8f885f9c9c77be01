// Content-layer loader for threads: every folder with a thread.yaml under the bundled content
// and the folders named by LOCKSTEP_CONTENT, parsed through the importers at build time.

import { readdir } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import type { Loader } from 'astro/loaders';
import { listThreadFolders, readThreadFolder } from '../importers/thread-folder.ts';
import { findReports } from '../lib/lockdep/find-reports.ts';
import { buildThreadView } from '../lib/mail/thread-view.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import type { ThreadMessage } from '../schemas/thread-message.ts';

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
        const view = buildThreadView(folder.messages);
        const rows = view.rows;
        const messages: ThreadMessage[] = view.messages.map((m) => ({
          ...m,
          reports: reportsOf(folder.messages[m.sourceIndex] as ParsedMessage, logger.warn.bind(logger)),
        }));
        messageCount += messages.length;
        const scenarios = await scenarioFiles(dir);
        const data = await parseData({
          id: folder.slug,
          data: { meta: folder.meta, messages, rows, dir, scenarios },
        });
        store.set({ id: folder.slug, data });
      }
      const ms = Math.round(performance.now() - started);
      logger.info(`${dirs.length} threads, ${messageCount} messages in ${ms} ms`);
    },
  };
}

/** Scenario model files of a thread (`scenarios/*.ts`), sorted; none when the folder is absent. */
async function scenarioFiles(dir: string): Promise<string[]> {
  const names = await readdir(join(dir, 'scenarios')).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.ts')).sort();
}

/** Lockdep reports in a message's body and text attachments; a parser failure is logged, never fatal. */
function reportsOf(message: ParsedMessage, warn: (text: string) => void) {
  const texts = [message.body, ...message.attachments.flatMap((a) => (a.text ? [a.text] : []))];
  try {
    return texts.flatMap((text) => {
      const lines = text.split('\n');
      return findReports(text).map((report) => ({
        ...report,
        raw: lines.slice(report.lines.start, report.lines.end + 1).join('\n'),
      }));
    });
  } catch (error) {
    warn(`lockdep report parser failed on <${message.messageId}>: ${(error as Error).message}`);
    return [];
  }
}
