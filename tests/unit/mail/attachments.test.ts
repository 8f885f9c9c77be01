import { describe, expect, it } from 'vitest';
import { attachmentLanguage, formatBytes } from '../../../src/lib/mail/attachments.ts';

describe('attachmentLanguage', () => {
  it('reads patches as diffs by name, type or content', () => {
    expect(attachmentLanguage({ filename: '0001-Fix-bad-page-state.patch', mimeType: 'text/plain' })).toBe(
      'diff',
    );
    expect(attachmentLanguage({ filename: 'fix', mimeType: 'text/x-patch' })).toBe('diff');
    expect(attachmentLanguage({ filename: 'fix', mimeType: 'text/x-diff' })).toBe('diff');
    const text = 'Signed-off-by: A <a@b>\n---\ndiff --git a/drivers/x.c b/drivers/x.c\n';
    expect(attachmentLanguage({ filename: 'mine.txt', mimeType: 'text/plain', text })).toBe('diff');
  });

  it('reads C sources as C and logs and configs as text', () => {
    expect(attachmentLanguage({ filename: 'repro.c', mimeType: 'text/plain' })).toBe('c');
    expect(attachmentLanguage({ filename: 'dmesg.log', mimeType: 'text/plain', text: '[ 1.0] --- x' })).toBe(
      'text',
    );
    expect(attachmentLanguage({ filename: '.config', mimeType: 'text/plain', text: 'CONFIG_X=y' })).toBe(
      'text',
    );
  });
});

describe('formatBytes', () => {
  it('uses the unit a reader expects', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1234)).toBe('1.2 KB');
    expect(formatBytes(34_567)).toBe('35 KB');
    expect(formatBytes(2_500_000)).toBe('2.5 MB');
  });
});
