// When a paragraph of mail is its text alone: most are, and each went through two Astro components
// (MailText and LinkedText) for nothing, some 250,000 paragraphs on the bulk archive.
import { linkify } from '../../lib/mail/linkify.ts';

/** True when MailText.astro would render `text` as the text itself: no kernel version, no link in it. */
export function isPlainMailText(text: string, version: string): boolean {
  return version === '' && linkify(text).every((s) => s.kind === 'text');
}
