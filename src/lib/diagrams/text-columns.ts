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
 * Lays out rows of cells in `columns` columns after a left gutter, within `width` characters.
 * As in lockdep's own table, a cell may run on into the columns to its right when they are empty in its
 * row, so a call like `lock(cm_id_priv->lock);` stays on one line whenever it fits the width; only a
 * cell that cannot fit wraps (and then the row spans several lines). Trailing spaces are trimmed.
 */
export function layoutColumns(
  rows: { gutter: string; cells: Cell[] }[],
  columns: number,
  width: number,
  gutterWidth: number,
): string[] {
  const colWidth = columnWidth(rows, columns, width, gutterWidth);
  const start = (c: Cell): number => gutterWidth + c.column * colWidth + (c.indent ?? 0);
  const out: string[] = [];
  for (const row of rows) {
    const cells = [...row.cells].sort((a, b) => a.column - b.column);
    const wrapped = cells.map((c, i) => {
      const next = cells[i + 1];
      // Room up to the next cell of this row (one space apart), else up to the width.
      const room = next ? gutterWidth + next.column * colWidth - 1 - start(c) : width - start(c);
      return { at: start(c), lines: wrapText(c.text, room) };
    });
    const height = Math.max(1, ...wrapped.map((x) => x.lines.length));
    for (let i = 0; i < height; i++) {
      const line = new Array<string>(width).fill(' ');
      const g = i === 0 ? row.gutter : '';
      for (let k = 0; k < Math.min(g.length, gutterWidth); k++) line[k] = g[k] ?? ' ';
      for (const x of wrapped) {
        const text = x.lines[i] ?? '';
        for (let k = 0; k < text.length && x.at + k < width; k++) line[x.at + k] = text[k] ?? ' ';
      }
      out.push(line.join('').trimEnd());
    }
  }
  return out;
}

/**
 * Column pitch: an equal share of the width, narrowed (down to half of it) so that the cells of the
 * right-hand columns still fit on one line before the width ends.
 */
function columnWidth(rows: { cells: Cell[] }[], columns: number, width: number, gutterWidth: number): number {
  const equal = Math.floor((width - gutterWidth) / Math.max(1, columns));
  let pitch = equal;
  for (const row of rows)
    for (const c of row.cells) {
      if (c.column === 0) continue;
      const fits = Math.floor((width - gutterWidth - (c.indent ?? 0) - c.text.length) / c.column);
      pitch = Math.min(pitch, fits);
    }
  return Math.max(Math.ceil(equal / 2), pitch);
}
