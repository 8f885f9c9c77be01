// Regular-expression scans that try only the lines a match can be on. Mail text is mostly prose: an
// expression for member chains or calls, run over a whole message, is tried at each character of
// thousands of lines that hold no `->` or `(` at all. Each expression here matches within one line, and
// only a line holding one of its anchors, so the lines without one are skipped (the four run so in
// detect.ts took 1.5 s over a 15,000-message archive's text, and take 0.5 s). The matches are the same as
// `text.matchAll(re)`'s, with the same offsets: each line is matched in the whole text up to its end
// (a view cut at the line's `\n`), so what comes before a match (`\b`, look-behinds) is seen as it is.

/** An expression, and how to find the lines worth trying it on. */
export interface AnchoredScan {
  /** A global expression whose every match, but for a leading `lead` and the whitespace after it, holds no line break. */
  re: RegExp;
  /** Strings every match's line holds (`['->']`, `['@', '://']`). */
  anchors: readonly string[];
  /**
   * A character a match may start with on an earlier line, when the expression allows whitespace (and
   * so line breaks) after it: CHAIN's `(&\s*)?` matches `&⏎  foo->bar` from the `&`.
   */
  lead?: string;
}

const SPACE = /\s/;

/**
 * The matches of `re` in `text`, in order: the same as `text.matchAll(re)` when every match lies on a
 * line holding one of `anchors` (from its `lead`, if any, on).
 */
export function* anchoredMatches(
  text: string,
  { re, anchors, lead }: AnchoredScan,
): Generator<RegExpExecArray> {
  if (!re.global) throw new Error(`anchoredMatches needs a global expression: ${re}`);
  // A copy: its lastIndex is this scan's own, whoever else uses `re`.
  const scan = new RegExp(re);
  // Where each anchor is next found at or after `from` (-1: not any more); looked up again only once
  // passed, so a rare anchor is not searched for from every line.
  const next = anchors.map(() => 0);
  /** Where the last match ended: no match starts before it. */
  let reached = 0;
  /** The first anchor at or after `from`, or -1. */
  const nextAnchor = (from: number): number => {
    let at = -1;
    for (const [i, anchor] of anchors.entries()) {
      let found = next[i] as number;
      if (found !== -1 && found < from) {
        found = text.indexOf(anchor, from);
        next[i] = found;
      }
      if (found !== -1 && (at === -1 || found < at)) at = found;
    }
    return at;
  };
  /** The end of the line holding `at` (its `\n`, or the end of the text). */
  const lineEnd = (at: number): number => {
    const end = text.indexOf('\n', at);
    return end === -1 ? text.length : end;
  };
  let at = nextAnchor(0);
  while (at !== -1) {
    let start = text.lastIndexOf('\n', at - 1) + 1;
    if (lead !== undefined) {
      let before = start;
      while (before > reached && SPACE.test(text[before - 1] as string)) before -= 1;
      if (before > reached && text[before - 1] === lead) start = before - 1;
    }
    // Lines in a row that hold an anchor are matched together (code, patches): one call for the run.
    let end = lineEnd(at);
    for (at = nextAnchor(end + 1); at !== -1 && at <= lineEnd(end + 1); at = nextAnchor(end + 1))
      end = lineEnd(at);
    // Cut at the line's end: a match holds no line break, and the end of the text reads as one (`\b`).
    const view = end === text.length ? text : text.slice(0, end);
    scan.lastIndex = Math.max(start, reached);
    for (let m = scan.exec(view); m !== null; m = scan.exec(view)) {
      yield m;
      reached = m.index + m[0].length;
      // An empty match would be found again at the same place.
      if (m[0] === '') scan.lastIndex += 1;
    }
  }
}
