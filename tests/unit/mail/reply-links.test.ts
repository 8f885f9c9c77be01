// The mail workflow links of a message: reply to all, mailto with In-Reply-To, git send-email, b4.
import { describe, expect, it } from 'vitest';
import {
  b4MboxCommand,
  type ReplySource,
  replyMailto,
  replyRecipients,
  sendEmailCommand,
  shellQuote,
} from '../../../src/lib/mail/reply-links.ts';

const message: ReplySource = {
  messageId: 'ab12+x=y@mail.example.org',
  rawSubject: '[PATCH v2] widget: take the lock once',
  from: { name: 'Ann Author', address: 'ann@example.org' },
  to: [{ name: 'Max Maintainer', address: 'max@example.org' }],
  cc: [
    { name: '', address: 'linux-widget@vger.example.org' },
    { name: 'Ann again', address: 'ANN@example.org' },
    { name: 'Bad', address: 'x@y>; rm -rf' },
  ],
  listAddress: 'linux-widget@vger.example.org',
};

describe('reply links', () => {
  it('replies to the sender, with everyone else and the list in Cc, once each, plain addresses only', () => {
    expect(replyRecipients(message)).toEqual({
      to: ['ann@example.org'],
      cc: ['max@example.org', 'linux-widget@vger.example.org'],
    });
    expect(replyRecipients({ ...message, replyTo: [{ name: '', address: 'list@example.org' }] }).to).toEqual([
      'list@example.org',
    ]);
  });

  it('builds a mailto with Cc, a Re: subject and In-Reply-To', () => {
    const href = replyMailto(message) as string;
    const url = new URL(href);
    expect(url.protocol).toBe('mailto:');
    expect(decodeURIComponent(url.pathname)).toBe('ann@example.org');
    expect(url.searchParams.get('cc')).toBe('max@example.org,linux-widget@vger.example.org');
    expect(url.searchParams.get('subject')).toBe('Re: [PATCH v2] widget: take the lock once');
    expect(url.searchParams.get('In-Reply-To')).toBe('<ab12+x=y@mail.example.org>');
    expect(replyMailto({ ...message, rawSubject: 'RE: x' })).toContain('subject=RE%3A%20x');
  });

  it('gives no mailto when no recipient has a usable address', () => {
    expect(
      replyMailto({ ...message, from: { name: 'n', address: '' }, to: [], cc: [], listAddress: undefined }),
    ).toBeNull();
  });

  it('writes git send-email and b4 commands with shell-safe arguments', () => {
    expect(sendEmailCommand(message)).toBe(
      [
        'git send-email \\',
        '    --in-reply-to=ab12+x=y@mail.example.org \\',
        '    --to=ann@example.org \\',
        '    --cc=max@example.org \\',
        '    --cc=linux-widget@vger.example.org \\',
        '    /path/to/YOUR_REPLY',
      ].join('\n'),
    );
    expect(b4MboxCommand("a'$(x)@y")).toBe(`b4 mbox 'a'\\''$(x)@y'`);
    expect(shellQuote('a b')).toBe("'a b'");
  });
});
