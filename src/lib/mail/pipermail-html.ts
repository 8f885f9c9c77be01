// Reads a Mailman 2 pipermail message page in its HTML form. The page is reduced to the text form
// (subject, author, address, date, body) that parsePipermailText already reads, so both forms give
// the same record; the HTML page adds one fact the text lacks: the message's real Message-ID,
// which pipermail puts in the reply link as `In-Reply-To=%3C…%3E`.

import { parsePipermailText } from './pipermail-text.ts';
import type { ParsedMessage } from './types.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML character references pipermail writes (named basics and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

// Same result as replacing /<[^>]*>/g, in one forward scan: the regex rescans to the end from every
// unclosed `<`, which is quadratic on hostile input.
function stripTags(html: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const gt = lt < 0 ? -1 : html.indexOf('>', lt + 1);
    if (lt < 0 || gt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt));
    i = gt + 1;
  }
  return decodeEntities(out.join(''));
}

function pick(html: string, re: RegExp): string | undefined {
  const m = re.exec(html);
  return m?.[1];
}

/** The text form of a pipermail HTML page (what parsePipermailText reads); throws when it lacks the parts. */
export function pipermailHtmlToText(html: string, file: string): string {
  const subject = pick(html, /<h1>([\s\S]*?)<\/h1>/i);
  const name = pick(html, /<\/h1>\s*<b>([\s\S]*?)<\/b>/i);
  const address = pick(html, /<a\s+href="mailto:[^"]*"[^>]*>([\s\S]*?)<\/a>/i);
  const date = pick(html, /<i>([^<]*\d{4}\s*)<\/i>/i);
  const body =
    pick(html, /<!--beginarticle-->([\s\S]*?)<!--endarticle-->/i) ?? pick(html, /<pre>([\s\S]*?)<\/pre>/i);
  if (subject === undefined || address === undefined || date === undefined || body === undefined) {
    throw new Error(`${file}: not a pipermail message page (subject, address, date or article missing)`);
  }
  const bodyText = stripTags(body.replace(/<br\s*\/?>/gi, '\n')).replace(/^\n+/, '');
  const oneLine = (s: string) => stripTags(s).replace(/\s+/g, ' ').trim();
  return [oneLine(subject), oneLine(name ?? ''), oneLine(address), oneLine(date), bodyText].join('\n');
}

/** The Message-ID pipermail embeds in the page's reply link, or null. */
export function pipermailHtmlMessageId(html: string): string | null {
  const m = /In-Reply-To=(?:%3C|<)([^"&]*?)(?:%3E|>)/i.exec(html);
  if (!m) return null;
  try {
    const id = decodeURIComponent((m[1] as string).replace(/\+/g, ' ')).trim();
    return id && !/\s/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** Parses a pipermail HTML message page; the Message-ID is the real one when the page carries it. */
export function parsePipermailHtml(html: string, file: string): ParsedMessage {
  const message = parsePipermailText(pipermailHtmlToText(html, file), file);
  const realId = pipermailHtmlMessageId(html);
  const withId = realId ? { ...message, messageId: realId, messageIdDerived: false } : message;
  return { ...withId, source: { kind: 'pipermail-html', file } };
}
