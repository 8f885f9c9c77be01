// Runs identifier detection over the 12 showcase threads (read at run time from ../shared/corpus/threads)
// and prints counts by kind, the time spent, and a fixed-seed sample of mentions with context for labelling.
// Usage: npm run bench:kernel-detect -- [--sample N] [--seed S] [--prose] [--dir PATH]
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isRejection, readMessages } from '../src/importers/read-messages.ts';
import { detectIdentifiers, type Mention } from '../src/lib/kernel/detect.ts';
import { linkSegments } from '../src/lib/kernel/link-segments.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sample: { type: 'string' },
    seed: { type: 'string' },
    dir: { type: 'string' },
    prose: { type: 'boolean' },
  },
});
const dir = values.dir ?? path.resolve(repoRoot, '../shared/corpus/threads');
const sampleSize = Number(values.sample ?? 0);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mbox'))
  .sort();
if (files.length === 0)
  throw new Error(`no .mbox files in ${dir} (the showcase threads are read at run time)`);

interface Found {
  file: string;
  message: number;
  mention: Mention;
  linked: boolean;
  context: string;
}
const found: Found[] = [];
const byKind = new Map<string, number>();
let messages = 0;
let chars = 0;
let detectMs = 0;
for (const file of files) {
  let index = 0;
  for await (const m of readMessages(path.join(dir, file))) {
    if (isRejection(m)) continue;
    const body = m.body;
    messages++;
    chars += body.length;
    const t0 = performance.now();
    const mentions = detectIdentifiers(body);
    // Without facts for these kernels, only what LinkedText would still link (Elixir links) counts as linked.
    const linked = new Set(
      linkSegments(body, '6.0', null).flatMap((s) => (s.kind === 'symbol' ? [s.mention.start] : [])),
    );
    detectMs += performance.now() - t0;
    for (const mention of mentions) {
      byKind.set(mention.kind, (byKind.get(mention.kind) ?? 0) + 1);
      const lineStart = body.lastIndexOf('\n', mention.start) + 1;
      const lineEnd = body.indexOf('\n', mention.end);
      const context = body.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).slice(0, 160);
      found.push({ file, message: index, mention, linked: linked.has(mention.start), context });
    }
    index++;
  }
}

console.log(`threads: ${files.length}, messages: ${messages}, body chars: ${chars}`);
console.log(`mentions: ${found.length} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`);
console.log(`linked without facts: ${found.filter((f) => f.linked).length}`);
console.log(`distinct mention texts: ${new Set(found.map((f) => f.mention.text)).size}`);
console.log(
  `detection + segmenting time: ${detectMs.toFixed(1)} ms (${(((chars / detectMs) * 1000) / 1e6).toFixed(1)} M chars/s)`,
);

if (sampleSize > 0) {
  // Deterministic sample (mulberry32) so a labelled sample can be reproduced and re-checked.
  let seed = Number(values.seed ?? 1) >>> 0;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // --prose: only mentions on lines that read like English (two common function words), where false links hurt.
  const prose = /\b(the|is|and|to|of|that|this|it|we|in)\b.*\b(the|is|and|to|of|that|this|it|we|in)\b/i;
  const pool = values.prose
    ? found.filter((f) => prose.test(f.context) && !/^[>\s]*[+-]/.test(f.context))
    : [...found];
  console.log(`pool: ${pool.length} mentions${values.prose ? ' on prose lines' : ''}`);
  console.log(`\nsample of ${sampleSize} (seed ${values.seed ?? 1}): n, kind, linked, text | context`);
  for (let n = 1; n <= sampleSize && pool.length > 0; n++) {
    const [pick] = pool.splice(Math.floor(random() * pool.length), 1);
    if (!pick) break;
    const where = `${pick.file.replace('.mbox', '')}#${pick.message}`;
    console.log(
      `${n}\t${pick.mention.kind}\t${pick.linked ? 'L' : '-'}\t${pick.mention.text}\t| ${pick.context}\t[${where}]`,
    );
  }
}
