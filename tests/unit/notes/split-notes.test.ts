import { describe, expect, it } from 'vitest';
import { orphanNotes, placeNotes, splitNotes } from '../../../src/lib/notes/split-notes.ts';

describe('splitNotes', () => {
  it('separates the intro from notes keyed by paragraph anchor', () => {
    const html =
      '<p>Intro.</p><ls-note-start data-key="mabc-p2" data-title="Why"></ls-note-start><p>Because.</p><ls-note-end></ls-note-end><p>More intro.</p>';
    const { intro, notes } = splitNotes(html);
    expect(intro).toBe('<p>Intro.</p><p>More intro.</p>');
    expect(notes).toEqual([{ key: 'mabc-p2', message: '', p: 0, title: 'Why', html: '<p>Because.</p>' }]);
  });

  it('reports notes whose paragraph does not exist', () => {
    const notes = [
      { key: 'ma-p1', message: 'a@x', p: 1, title: '', html: '' },
      { key: 'ma-p9', message: 'a@x', p: 9, title: '', html: '' },
    ];
    expect(orphanNotes(notes, new Set(['ma-p1', 'ma-p2']))).toEqual(['ma-p9']);
  });

  it('reads the Message-ID and paragraph a note is keyed by, undoing attribute escaping', () => {
    const html =
      '<ls-note-start data-key="mk-p3" data-message="a&amp;b=&quot;c&quot;@x" data-p="3" data-title="T"></ls-note-start>B<ls-note-end></ls-note-end>';
    expect(splitNotes(html).notes).toEqual([
      { key: 'mk-p3', message: 'a&b="c"@x', p: 3, title: 'T', html: 'B' },
    ]);
  });

  it('keeps notes on messages that are not in the build apart, grouped by Message-ID', () => {
    const note = (message: string, p: number) => ({ key: `k${p}`, message, p, title: '', html: '' });
    const { placed, absent } = placeNotes(
      [note('here@x', 1), note('gone@x', 2), note('gone@x', 5), note('other@x', 1)],
      new Set(['here@x']),
    );
    expect(placed.map((n) => n.key)).toEqual(['k1']);
    expect([...absent.entries()].map(([id, ns]) => [id, ns.map((n) => n.p)])).toEqual([
      ['gone@x', [2, 5]],
      ['other@x', [1]],
    ]);
  });
});
