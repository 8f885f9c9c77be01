// The mail workflow around one message, as lore offers it: reply-to-all recipients, a `mailto:` link
// with In-Reply-To, the `git send-email --in-reply-to=…` command, `b4 mbox`. Every value comes from
// mail, so addresses are checked and command arguments are shell-quoted.

import type { Mailbox, ParsedMessage } from './types.ts';

/** The header facts a reply needs. */
export type ReplySource = Pick<
  ParsedMessage,
  'messageId' | 'rawSubject' | 'from' | 'to' | 'cc' | 'replyTo' | 'listAddress'
>;

// A plain address: no spaces, brackets, quotes or separators that would break a URL or a command.
const PLAIN_ADDRESS = /^[^\s<>()[\]\\,;:"@]+@[^\s<>()[\]\\,;:"@]+\.[^\s<>()[\]\\,;:"@]+$/;

/** True when an address can go into a mailto: link or a command line as it is. */
export function isPlainAddress(address: string): boolean {
  return PLAIN_ADDRESS.test(address);
}

/** Reply to all: To the sender (or Reply-To), Cc everyone else and the list; plain addresses only. */
export function replyRecipients(m: ReplySource): { to: string[]; cc: string[] } {
  const seen = new Set<string>();
  const take = (boxes: readonly Mailbox[]) =>
    boxes
      .map((b) => b.address)
      .filter((a) => {
        const key = a.toLowerCase();
        if (!isPlainAddress(a) || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  const to = take(m.replyTo && m.replyTo.length > 0 ? m.replyTo : [m.from]);
  const cc = take([
    ...(m.to ?? []),
    ...(m.cc ?? []),
    ...(m.listAddress ? [{ name: '', address: m.listAddress }] : []),
  ]);
  return { to, cc };
}

/** `Re: <subject>`, without stacking a second `Re:`. */
export function replySubject(subject: string): string {
  return /^\s*re:/i.test(subject) ? subject.trim() : `Re: ${subject.trim()}`;
}

/**
 * A `mailto:` link that opens a reply to all with In-Reply-To set (RFC 6068 allows any header
 * field); null when no recipient has a plain address.
 */
export function replyMailto(m: ReplySource): string | null {
  const { to, cc } = replyRecipients(m);
  if (to.length === 0 && cc.length === 0) return null;
  const q = [
    cc.length > 0 ? `cc=${cc.map(encodeURIComponent).join(',')}` : '',
    `subject=${encodeURIComponent(replySubject(m.rawSubject))}`,
    `In-Reply-To=${encodeURIComponent(`<${m.messageId}>`)}`,
  ].filter((p) => p !== '');
  return `mailto:${to.map(encodeURIComponent).join(',')}?${q.join('&')}`;
}

/** Quotes an argument for a POSIX shell when it holds anything but safe characters. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `git send-email --in-reply-to=… --to=… --cc=… /path/to/YOUR_REPLY`, one option per line. */
export function sendEmailCommand(m: ReplySource): string {
  const { to, cc } = replyRecipients(m);
  const args = [
    `--in-reply-to=${shellQuote(m.messageId)}`,
    ...to.map((a) => `--to=${shellQuote(a)}`),
    ...cc.map((a) => `--cc=${shellQuote(a)}`),
    '/path/to/YOUR_REPLY',
  ];
  return `git send-email \\\n${args.map((a) => `    ${a}`).join(' \\\n')}`;
}

/** `b4 mbox <Message-ID>`: fetch the whole thread with b4. */
export function b4MboxCommand(messageId: string): string {
  return `b4 mbox ${shellQuote(messageId)}`;
}
