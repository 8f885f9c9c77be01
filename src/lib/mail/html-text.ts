// Turns an HTML mail body into plain text for display (postal-mime fills `text` only when the
// message has a text/plain part). The result is plain text: pages escape it like any other body,
// so no markup from the sender can reach the page.
//
// One forward scan with indexOf, not regex replaces: patterns such as /<[^>]*>/g rescan to the end
// of the input from every unclosed `<`, so a 10 MB line of `<` took hours (quadratic); this is linear.

import { decodeEntities } from './pipermail-html.ts';

/** Elements dropped with their content. */
const DROPPED = new Set(['script', 'style', 'head', 'title']);
/** Closing tags of elements that end a line. */
const BLOCK_ENDS = new Set([
  'p',
  'div',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
]);
const TAG_NAME = /^(\/?)([a-z][a-z0-9]*)/i;

/** Plain text of an HTML body: scripts/styles dropped, block ends as line breaks, tags removed, entities decoded. */
export function htmlToPlainText(html: string): string {
  return decodeEntities(stripMarkup(html))
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Removes tags and comments in one pass; text outside tags is kept as is (entities still encoded). */
function stripMarkup(html: string): string {
  const out: string[] = [];
  // Where the closing tag of a dropped element was last looked for and not found: searching again
  // from a later point cannot succeed, so each element name is searched to the end at most once.
  const noCloseAfter = new Map<string, number>();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      // An unclosed comment runs to the end, as in a browser.
      if (close < 0) break;
      i = close + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) {
      // No `>` anywhere after: the rest is text, not a tag.
      out.push(html.slice(lt));
      break;
    }
    const name = TAG_NAME.exec(html.slice(lt + 1, Math.min(gt, lt + 16)));
    const closing = name?.[1] === '/';
    const tag = name?.[2]?.toLowerCase() ?? '';
    i = gt + 1;
    if (!closing && DROPPED.has(tag)) {
      const end = closeTagEnd(html, tag, i, noCloseAfter);
      if (end >= 0) i = end;
    } else if (tag === 'br') out.push('\n');
    else if (closing && BLOCK_ENDS.has(tag)) out.push('\n');
    else if (!closing && tag === 'li') out.push('- ');
  }
  return out.join('');
}

/** End of the first `</tag\s*>` at or after `from`, or -1; remembers failures in `noCloseAfter`. */
function closeTagEnd(html: string, tag: string, from: number, noCloseAfter: Map<string, number>): number {
  const failedFrom = noCloseAfter.get(tag);
  if (failedFrom !== undefined && from >= failedFrom) return -1;
  const re = new RegExp(`</${tag}\\s*>`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  if (!m) {
    noCloseAfter.set(tag, from);
    return -1;
  }
  return m.index + m[0].length;
}
