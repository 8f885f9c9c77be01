// The table of ops in docs/model-checker.md, made from the registry (a unit test keeps the two equal).

import { FAMILIES } from './index.ts';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

/** Markdown: one section per family with its paragraph and a table of its ops (fields, whether it sleeps). */
export function opsTableMarkdown(): string {
  const out: string[] = [];
  for (const f of FAMILIES) {
    out.push(`#### ${f.name}`, '', f.about, '');
    const ops = Object.entries(f.ops);
    if (ops.length === 0) {
      out.push('(no ops of its own)', '');
      continue;
    }
    out.push('| op | target | fields | semantics |', '| --- | --- | --- | --- |');
    for (const [name, op] of ops) {
      const fields = [...(op.fields ?? []), ...(op.sleeps ? ['sleeps'] : [])].join(', ');
      out.push(`| \`${name}\` | ${op.target} | ${fields} | ${esc(op.summary)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
