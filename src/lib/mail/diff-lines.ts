// Line classes of a unified diff, for the light diff rendering of patches in mail: lore and every mail
// client colour whole lines (added, removed, hunk header, file header), which is what a reviewer reads.
// Token-level highlighting of a patch made thread pages ten times the size of their text and most of
// their build time; see src/components/thread/CodeBlock.astro for where each kind is used.

/** What one line of a diff is. */
export type DiffLineKind = 'add' | 'del' | 'hunk' | 'file' | 'context';

/** One line of a diff and its class. */
export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

const FILE_HEADER =
  /^(diff --git |index [0-9a-f]+\.\.|--- |\+\+\+ |new file mode |deleted file mode |similarity index |rename (from|to) )/;

/** Classifies each line of a diff (`---`/`+++` lines are file headers, not removals or additions). */
export function diffLines(text: string): DiffLine[] {
  return text.split('\n').map((line) => ({ kind: diffLineKind(line), text: line }));
}

/** The class of one diff line. */
export function diffLineKind(line: string): DiffLineKind {
  if (FILE_HEADER.test(line)) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'context';
}

/**
 * Runs of consecutive lines of one kind, so a page wraps each run (not each line) in one element:
 * a 3,000-line patch becomes a few hundred spans instead of tens of thousands.
 */
export function diffRuns(text: string): DiffLine[] {
  const runs: DiffLine[] = [];
  for (const line of diffLines(text)) {
    const last = runs.at(-1);
    if (last && last.kind === line.kind) last.text += `\n${line.text}`;
    else runs.push({ ...line });
  }
  return runs;
}
