// docs/model-checker.md's tables of ops come from the primitive registry. Set UPDATE_DOCS=1 to rewrite
// them after changing a family, then review the diff.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { opsTableMarkdown } from '../../../src/lib/locks/primitives/ops-table.ts';

const DOC = path.resolve(import.meta.dirname, '../../../docs/model-checker.md');
const START = '<!-- ops:start -->';
// The formatter pads table cells; compare cell by cell.
const norm = (text: string): string =>
  text
    .split('\n')
    .map((l) =>
      l.startsWith('|')
        ? l
            .split(/(?<!\\)\|/)
            .map((c) => c.trim().replace(/^-+$/, '-'))
            .join('|')
        : l.trimEnd(),
    )
    .join('\n');
const END = '<!-- ops:end -->';

describe('docs/model-checker.md', () => {
  it('lists exactly the ops the registry has, family by family', () => {
    const text = readFileSync(DOC, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    const want = `${START}\n\n${opsTableMarkdown()}\n${END}`;
    if (process.env.UPDATE_DOCS === '1')
      writeFileSync(DOC, text.slice(0, a) + want + text.slice(b + END.length));
    const now = readFileSync(DOC, 'utf8');
    expect(norm(now.slice(now.indexOf(START), now.indexOf(END) + END.length))).toBe(norm(want));
  });
});
