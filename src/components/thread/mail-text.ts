// When a paragraph of mail is its text alone: most are, and rendering each through a component (a
// quarter of a million paragraphs on the bulk archive) was a large share of the thread pages' time.
import { linkify } from '../../lib/mail/linkify.ts';

/** True when MailText.astro would render `text` as the text itself: no kernel version, no link in it. */
export function isPlainMailText(text: string, version: string): boolean {
  return version === '' && linkify(text).every((s) => s.kind === 'text');
}
