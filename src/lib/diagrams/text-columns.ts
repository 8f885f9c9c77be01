// Plain-text column layout for narrow tables: each cell word-wraps inside its column, never past the width.

/** One cell: text placed in a column; `indent` shifts it right inside the column (interrupt nesting). */
export interface Cell {
  column: number;
  text: string;
  indent?: number;
}

/**
 * Wraps text to `width`: breaks at spaces and after a call's `(`; a piece still too long breaks before
 * `->` (so `cm_id_priv->lock` splits only when it must), and only then is cut.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const pieces = text
    .split(/(?<=\s)|(?<=\w\()/)
    .flatMap((p) => (p.trimEnd().length > w ? p.split(/(?=->)/) : [p]))
    .filter((p) => p.length > 0);
  const lines: string[] = [];
  let cur = '';
  for (const piece of pieces) {
    if ((cur + piece).trimEnd().length <= w) {
      cur += piece;
      continue;
    }
    if (cur.trim().length > 0) lines.push(cur.trimEnd());
    cur = piece.trimStart();
    while (cur.length > w) {
      lines.push(cur.slice(0, w));
      cur = cur.slice(w);
    }
  }
  if (cur.trim().length > 0 || lines.length === 0) lines.push(cur.trimEnd());
  return lines;
}

/**
 * Lays out rows of cells in `columns` equal columns after a left gutter, within `width` characters.
 * Each row may span several lines when a cell wraps. Trailing spaces are trimmed.
 */
export function layoutColumns(
  rows: { gutter: string; cells: Cell[] }[],
  columns: number,
  width: number,
  gutterWidth: number,
): string[] {
  const colWidth = Math.floor((width - gutterWidth) / Math.max(1, columns));
  const out: string[] = [];
  for (const row of rows) {
    const wrapped = row.cells.map((c) => {
      const indent = c.indent ?? 0;
      return { c, indent, lines: wrapText(c.text, colWidth - 1 - indent) };
    });
    const height = Math.max(1, ...wrapped.map((x) => x.lines.length));
    for (let i = 0; i < height; i++) {
      const line = new Array<string>(gutterWidth + colWidth * columns).fill(' ');
      const g = i === 0 ? row.gutter : '';
      for (let k = 0; k < Math.min(g.length, gutterWidth); k++) line[k] = g[k] ?? ' ';
      for (const x of wrapped) {
        const text = x.lines[i] ?? '';
        const start = gutterWidth + x.c.column * colWidth + x.indent;
        for (let k = 0; k < text.length; k++) line[start + k] = text[k] ?? ' ';
      }
      out.push(line.join('').trimEnd());
    }
  }
  return out;
}
