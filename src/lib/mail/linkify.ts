// Finds web and mail links in message text. Only http(s) and mailto survive; everything else is text.

/** A piece of message text: plain, or a link whose target passed the scheme check. */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_LIKE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;

/** Splits text into plain and link segments; trailing punctuation and unbalanced `)` stay outside links. */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_LIKE)) {
    const start = match.index ?? 0;
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/** Returns the URL if its scheme is http, https or mailto and it parses; otherwise null. */
export function safeHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
}

function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && /[.,;:!?]/.test(url[end - 1] as string)) end--;
  let out = url.slice(0, end);
  // "(see http://x/y)" — a closing parenthesis without an opening one belongs to the prose.
  while (out.endsWith(')') && count(out, '(') < count(out, ')')) out = out.slice(0, -1);
  return out;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}
