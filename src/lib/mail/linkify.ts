// Finds web and mail links in message text, and commits cited the kernel's way (`Fixes: <sha> ("…")`,
// `commit <sha>`), which link to git.kernel.org. Only http(s) and mailto survive; the rest is text.

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
    if (start > last) segments.push(...linkCommits(text.slice(last, start)));
    segments.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) segments.push(...linkCommits(text.slice(last)));
  return segments;
}

// Mainline (torvalds/linux) on git.kernel.org; cgit resolves abbreviated ids, and a commit of a
// subsystem tree that is not yet merged still opens there once merged.
const COMMIT_BASE = 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=';
// A commit is cited as `Fixes: <sha> ("subject")` or `commit <sha>` (kernel: 12 digits, git's own
// messages: 40); only those contexts count, so lockdep addresses and other hex stay text.
const COMMIT_REF = /(\bFixes:[ \t]+|\b[Cc]ommit[ \t]+)([0-9a-f]{8,40})(?![\w-])/g;

/** The git.kernel.org page of a commit id. */
export function commitUrl(sha: string): string {
  return `${COMMIT_BASE}${sha}`;
}

/** Splits plain text at commit citations. */
function linkCommits(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(COMMIT_REF)) {
    const sha = m[2] as string;
    if (!/\d/.test(sha)) continue; // "commit deadbeef"-like words
    const start = (m.index ?? 0) + (m[1] as string).length;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push({ kind: 'link', text: sha, href: commitUrl(sha) });
    last = start + sha.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
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
