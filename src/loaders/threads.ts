// Content-layer loader for threads: one entry per thread page (thread-pages.ts decides which folders
// become pages and where each page's mail comes from), parsed through the importers at build time.

import { delimiter, resolve } from 'node:path';
import type { Loader } from 'astro/loaders';
import { isRejection, readMessages } from '../importers/read-messages.ts';
import { readThreadFolder } from '../importers/thread-folder.ts';
import { findReports } from '../lib/lockdep/find-reports.ts';
import { buildThreadView } from '../lib/mail/thread-view.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import type { ThreadMail } from '../schemas/thread-mail.ts';
import type { ThreadMessage } from '../schemas/thread-message.ts';
import { planThreadPages, type ThreadPage } from './thread-pages.ts';

/** The content roots: the bundled `content/threads` plus each folder in LOCKSTEP_CONTENT (`DIR[:DIR…]`). */
export function contentRoots(env: Record<string, string | undefined> = process.env): string[] {
  const extra = (env.LOCKSTEP_CONTENT ?? '').split(delimiter).filter((dir) => dir.trim() !== '');
  return [resolve('content/threads'), ...extra.map((dir) => resolve(dir))];
}

/** Every message of a page, from its mail folders and lore files in that order. */
export async function pageMessages(page: ThreadPage): Promise<ParsedMessage[]> {
  const messages: ParsedMessage[] = [];
  for (const dir of page.mailDirs) messages.push(...(await readThreadFolder(dir)).messages);
  for (const file of page.loreFiles) {
    for await (const result of readMessages(file)) {
      if (isRejection(result)) throw new Error(`${file}: entry ${result.index}: ${result.reason}`);
      messages.push(result);
    }
  }
  return messages;
}

/** Where a page's mail came from, and what is missing. */
function mailOf(page: ThreadPage, count: number): ThreadMail {
  const state = count === 0 ? 'absent' : page.missing.length > 0 ? 'partial' : 'present';
  return { state, folders: page.mailDirs, loreFiles: page.loreFiles, missing: page.missing };
}

/** Loads each thread page as one entry keyed by its slug; a slug found twice fails the build. */
export function threadsLoader(): Loader {
  return {
    name: 'lockstep-threads',
    load: async ({ store, parseData, logger }) => {
      const started = performance.now();
      store.clear();
      const pages = await planThreadPages(contentRoots(), logger.warn.bind(logger));
      let messageCount = 0;
      for (const page of pages) {
        if (store.has(page.slug))
          throw new Error(`thread slug '${page.slug}' appears twice (second copy: ${page.dir})`);
        const parsed = await pageMessages(page);
        const view = buildThreadView(parsed);
        const messages: ThreadMessage[] = view.messages.map((m) => ({
          ...m,
          reports: reportsOf(parsed[m.sourceIndex] as ParsedMessage, logger.warn.bind(logger)),
        }));
        messageCount += messages.length;
        const data = await parseData({
          id: page.slug,
          data: {
            meta: page.meta,
            messages,
            rows: view.rows,
            dir: page.dir,
            annotated: page.annotated,
            mail: mailOf(page, messages.length),
          },
        });
        store.set({ id: page.slug, data });
      }
      const ms = Math.round(performance.now() - started);
      logger.info(`${pages.length} threads, ${messageCount} messages in ${ms} ms`);
    },
  };
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
