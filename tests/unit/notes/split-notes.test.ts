import { describe, expect, it } from 'vitest';
import { orphanNotes, splitNotes } from '../../../src/lib/notes/split-notes.ts';

describe('splitNotes', () => {
  it('separates the intro from notes keyed by paragraph anchor', () => {
    const html =
      '<p>Intro.</p><ls-note-start data-key="mabc-p2" data-title="Why"></ls-note-start><p>Because.</p><ls-note-end></ls-note-end><p>More intro.</p>';
    const { intro, notes } = splitNotes(html);
    expect(intro).toBe('<p>Intro.</p><p>More intro.</p>');
    expect(notes).toEqual([{ key: 'mabc-p2', title: 'Why', html: '<p>Because.</p>' }]);
  });

  it('reports notes whose paragraph does not exist', () => {
    const notes = [
      { key: 'ma-p1', title: '', html: '' },
      { key: 'ma-p9', title: '', html: '' },
    ];
    expect(orphanNotes(notes, new Set(['ma-p1', 'ma-p2']))).toEqual(['ma-p9']);
  });
});
