// Splits the rendered HTML of a thread's notes.mdx into the intro and the notes keyed by paragraph
// anchor. The HTML is ours (authored MDX), never mail text; Note.astro writes the markers parsed here.

/** One rendered note, ready to sit beside its paragraph. */
export interface RenderedNote {
  /** Paragraph anchor it annotates (`m<sha1>-p<N>`). */
  key: string;
  /** Message-ID of the annotated message, without angle brackets (empty when the marker lacks it). */
  message: string;
  /** Paragraph number in that message (0 when the marker lacks it). */
  p: number;
  /** Heading of the note (already HTML-escaped by the renderer). */
  title: string;
  /** The note's HTML. */
  html: string;
}

const NOTE =
  /<ls-note-start data-key="([^"]*)"(?: data-message="([^"]*)")?(?: data-p="(\d+)")?(?: data-title="([^"]*)")?><\/ls-note-start>([\s\S]*?)<ls-note-end><\/ls-note-end>/g;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' };

/** Undoes the attribute escaping of the renderer (the Message-ID is needed as text, e.g. for lore links). */
function unescapeAttribute(value: string): string {
  return value.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_m, name: string) => ENTITIES[name] ?? '');
}

/** Separates notes from the intro text around them; keeps the notes in document order. */
export function splitNotes(html: string): { intro: string; notes: RenderedNote[] } {
  const notes: RenderedNote[] = [];
  const intro = html.replace(
    NOTE,
    (
      _all,
      key: string,
      message: string | undefined,
      p: string | undefined,
      title: string | undefined,
      body: string,
    ) => {
      notes.push({
        key,
        message: unescapeAttribute(message ?? ''),
        p: p ? Number(p) : 0,
        title: title ?? '',
        html: body.trim(),
      });
      return '';
    },
  );
  return { intro: intro.trim(), notes };
}

/** Lists note keys that match no paragraph anchor, so a renumbered body cannot silently drop notes. */
export function orphanNotes(notes: RenderedNote[], anchors: ReadonlySet<string>): string[] {
  return notes.filter((note) => !anchors.has(note.key)).map((note) => note.key);
}

/**
 * Separates notes on messages present in the build from notes on messages that are not (their mail is
 * absent: the page shows those under the Message-ID instead of beside a paragraph).
 */
export function placeNotes(
  notes: RenderedNote[],
  presentMessages: ReadonlySet<string>,
): { placed: RenderedNote[]; absent: Map<string, RenderedNote[]> } {
  const placed: RenderedNote[] = [];
  const absent = new Map<string, RenderedNote[]>();
  for (const note of notes) {
    if (note.message === '' || presentMessages.has(note.message)) placed.push(note);
    else absent.set(note.message, [...(absent.get(note.message) ?? []), note]);
  }
  return { placed, absent };
}
