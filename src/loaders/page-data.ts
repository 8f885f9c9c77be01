// One thread page's data, parsed from its mail: the message file (headers, reports, the page of each
// message) and the body file (bodies, recipients, the skeleton) written beside Astro's cache
// (thread-bodies.ts), and the page's mail files (mail-files.ts). Runs in the loader's worker threads (parse-pool.ts) or in its own process.

import { isRejection, readMessages } from '../importers/read-messages.ts';
import { readThreadFolder } from '../importers/thread-folder.ts';
import { scanBody } from '../lib/kernel/mentions.ts';
import { searchSymbolsOf } from '../lib/kernel/search-symbols.ts';
import { findReports } from '../lib/lockdep/find-reports.ts';
import { type BodyNode, codeText } from '../lib/mail/body-structure.ts';
import {
  bodyTextSize,
  foldBody,
  MESSAGE_MARKUP_CHARS,
  MESSAGE_TEXT_BUDGET,
  messageHref,
  paginate,
} from '../lib/mail/pagination.ts';
import { findQuoteSources, quotingMessage } from '../lib/mail/quote-sources.ts';
import { buildThreadView, messageText } from '../lib/mail/thread-view.ts';
import type { AttachmentInfo, ParsedMessage } from '../lib/mail/types.ts';
import { messageSearchTokens } from '../lib/search/identifiers.ts';
import {
  BODY_HEADERS,
  type BodyHeader,
  type MessageBody,
  type StoredMessage,
} from '../schemas/thread-message.ts';
import { mailFilesFolder, writePageMailFiles } from './mail-files.ts';
import { writeBodies, writeMessages } from './thread-bodies.ts';
import {
  type MentionScan,
  mentionFile,
  type ScannedText,
  threadMentions,
  threadToScan,
  writeMentions,
} from './thread-mentions.ts';
import type { ThreadPage } from './thread-pages.ts';

/** Where a page's mail is: its folders (with their thread.yaml when planning read it) and lore files. */
export type PageMail = Pick<ThreadPage, 'mailDirs' | 'mailMetas' | 'loreFiles'>;

/** What parsing one page yields for the store: the files it wrote. */
export interface PageData {
  /** Path of the message file (the stored messages: headers, reports, pages). */
  messageFile: string;
  /** How many messages the page has. */
  messageCount: number;
  /** Path of the body file (the skeleton and the bodies). */
  bodies: string;
  /** Folder of the page's mail files (t.mbox.gz, r/…; see mail-files.ts). */
  mailFiles: string;
  /** Parser problems worth a build warning (a message's lockdep report that failed to parse). */
  warnings: string[];
}

/** Every message of a page, from its mail folders and lore files in that order (`keepRaw`: with their bytes). */
export async function pageMessages(
  page: PageMail,
  options: { keepRaw?: boolean } = {},
): Promise<ParsedMessage[]> {
  const messages: ParsedMessage[] = [];
  for (const [i, dir] of page.mailDirs.entries())
    messages.push(...(await readThreadFolder(dir, { ...options, meta: page.mailMetas?.[i] })).messages);
  for (const file of page.loreFiles) {
    for await (const result of readMessages(file, options)) {
      if (isRejection(result)) throw new Error(`${file}: entry ${result.index}: ${result.reason}`);
      messages.push(result);
    }
  }
  return messages;
}

/**
 * Parses a page's mail and writes its body file and mail files under `cacheDir`, named by `digest`;
 * with a `scan`, also the page's symbol mentions beside its body file (thread-mentions.ts).
 */
export async function readPageData(
  page: ThreadPage,
  cacheDir: string,
  digest: string,
  scan: MentionScan | null = null,
): Promise<PageData> {
  const parsed = await pageMessages(page, { keepRaw: true });
  const view = buildThreadView(parsed);
  const warnings: string[] = [];
  const parts = view.messages.map((m) => {
    const [headers, rest] = splitHeaders(m);
    return { body: { ...foldMessage(m), ...headers }, rest };
  });
  const bodies: MessageBody[] = parts.map((p) => p.body);
  const pageOf = paginate(bodies.map(shownSize));
  const mailFiles = mailFilesFolder(cacheDir, digest);
  await writePageMailFiles(
    mailFiles,
    page,
    view.messages.map((m) => parsed[m.sourceIndex] as ParsedMessage),
    view.messages.map((m, i) => ({
      href: messageHref(page.slug, { anchor: m.anchor, page: pageOf[i] as number }),
      subject: m.subject,
    })),
  );
  // Each message's shown text and identifier candidates, found once for its search symbols and its
  // symbol mentions (the candidates are most of the time of both).
  const scanned: ScannedText[] = bodies.map((body) => {
    const text = messageText(body);
    const found = scanBody(text);
    // The tokens its page hides for the search index, and the symbols it names for the search filter
    // (from the text as shown, folded, as the page would find them), here on both cores.
    body.searchTokens = messageSearchTokens(text, codeText(body.blocks));
    body.symbols = searchSymbolsOf(found.candidates);
    return { text, scanned: () => found };
  });
  const messages: StoredMessage[] = parts.map(({ rest: m }, i) => {
    // The body and its headers are in the body file; where the message came from stays here.
    const {
      blocks: _blocks,
      attachments: _attachments,
      source: _source,
      sourceIndex: _index,
      ...headers
    } = m;
    return {
      ...headers,
      // Reports are read from the whole mail, folded or not.
      reports: reportsOf(parsed[m.sourceIndex] as ParsedMessage, (w) => warnings.push(w)),
      page: pageOf[i] as number,
    };
  });
  // Each quote's source, from the bodies as the page shows them (folded), here on both cores.
  const quotes = findQuoteSources(
    view.messages.map((m, i) => quotingMessage({ ...m, blocks: (bodies[i] as MessageBody).blocks })),
  );
  const bodyPath = await writeBodies(cacheDir, digest, { rows: view.rows, messages: bodies, quotes });
  if (scan?.digest) {
    const thread = threadToScan(
      page.slug,
      page.meta,
      view.messages,
      bodies.map((b) => b.blocks),
    );
    writeMentions(mentionFile(bodyPath, scan.digest), threadMentions(thread, scan, scanned));
  }
  return {
    messageFile: await writeMessages(cacheDir, digest, messages),
    messageCount: messages.length,
    bodies: bodyPath,
    mailFiles,
    warnings,
  };
}

/** `m` split into the headers its body file keeps (BODY_HEADERS) and the rest. */
function splitHeaders<T extends Partial<Record<BodyHeader, unknown>>>(
  m: T,
): [Pick<T, BodyHeader>, Omit<T, BodyHeader>] {
  const rest: Record<string, unknown> = { ...m };
  const kept: Record<string, unknown> = {};
  for (const field of BODY_HEADERS) {
    if (field in m) kept[field] = m[field];
    delete rest[field];
  }
  return [kept as Pick<T, BodyHeader>, rest as Omit<T, BodyHeader>];
}

/** A message's body as pages show it: a huge body or text attachment folded to its head. */
function foldMessage(m: {
  blocks: BodyNode[];
  attachments: AttachmentInfo[];
}): Pick<MessageBody, 'blocks' | 'attachments' | 'folded'> {
  const { nodes, folded } = foldBody(m.blocks);
  const attachments = m.attachments.map((a) =>
    a.text !== undefined && a.text.length > MESSAGE_TEXT_BUDGET
      ? { ...a, text: a.text.slice(0, MESSAGE_TEXT_BUDGET), textFolded: a.text.length - MESSAGE_TEXT_BUDGET }
      : a,
  );
  return { blocks: nodes, attachments, ...(folded ? { folded } : {}) };
}

/** What a message puts on its page, in characters: body text, text attachments (shown in place), header. */
function shownSize(body: MessageBody): number {
  const attachments = body.attachments.reduce((n, a) => n + (a.text?.length ?? 0), 0);
  return bodyTextSize(body.blocks) + attachments + MESSAGE_MARKUP_CHARS;
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
