// Splits the rendered HTML of a thread's notes.mdx into the intro and the notes keyed by paragraph
// anchor. The HTML is ours (authored MDX), never mail text; Note.astro writes the markers parsed here.

/** One rendered note, ready to sit beside its paragraph. */
export interface RenderedNote {
  /** Paragraph anchor it annotates (`m<sha1>-p<N>`). */
  key: string;
  /** Heading of the note (already HTML-escaped by the renderer). */
  title: string;
  /** The note's HTML. */
  html: string;
}

const NOTE =
  /<ls-note-start data-key="([^"]*)"(?: data-title="([^"]*)")?><\/ls-note-start>([\s\S]*?)<ls-note-end><\/ls-note-end>/g;

/** Separates notes from the intro text around them; keeps the notes in document order. */
export function splitNotes(html: string): { intro: string; notes: RenderedNote[] } {
  const notes: RenderedNote[] = [];
  const intro = html.replace(NOTE, (_all, key: string, title: string | undefined, body: string) => {
    notes.push({ key, title: title ?? '', html: body.trim() });
    return '';
  });
  return { intro: intro.trim(), notes };
}

/** Lists note keys that match no paragraph anchor, so a renumbered body cannot silently drop notes. */
export function orphanNotes(notes: RenderedNote[], anchors: ReadonlySet<string>): string[] {
  return notes.filter((note) => !anchors.has(note.key)).map((note) => note.key);
}
