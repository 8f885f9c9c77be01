import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isRejection, readMessages } from '../../../src/importers/read-messages.ts';
import { stripAngles } from '../../../src/lib/mail/ids.ts';
import { numberedBlocks } from '../../../src/lib/mail/numbered-blocks.ts';
import { toMessageView } from '../../../src/lib/mail/thread-view.ts';

const repo = resolve(import.meta.dirname, '../../..');
const node = join(repo, 'node_modules/.bin/node');
const corpus = resolve(repo, '../shared/corpus/threads');

describe('npm run paragraphs', () => {
  it('numbers a reply’s blocks as the page does: the attribution line is no paragraph, quotes are marked', () => {
    const file = join(corpus, 'mlx5-mkey-table-inconsistent-lock-state.mbox');
    const out = execFileSync(node, ['src/cli/paragraphs.ts', file, '<20191027083853.GY4853@unreal>'], {
      cwd: repo,
      encoding: 'utf8',
    });
    const lines = out.split('\n');
    expect(lines[1]).toBe('<20191027083853.GY4853@unreal>');
    const numbers = lines.flatMap((l) => /^ {2}p(\d+) /.exec(l)?.[1] ?? []).map(Number);
    // Leon's reply: "On … wrote:" heads the quote (no number of its own), nine quoted blocks, his ack last.
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lines.find((l) => l.startsWith('  p2 '))).toMatch(/paragraph > The mkey_table xarray/);
    expect(lines.find((l) => l.startsWith('  p10 '))).toMatch(/paragraph Thanks,$/);
  });

  it('exits 1 naming a Message-ID that is not in the source, 2 without a source', () => {
    const file = join(corpus, 'mlx5-mkey-table-inconsistent-lock-state.mbox');
    const missing = spawnSync(node, ['src/cli/paragraphs.ts', file, 'nope@x'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no message <nope@x>');
    expect(spawnSync(node, ['src/cli/paragraphs.ts'], { cwd: repo, encoding: 'utf8' }).status).toBe(2);
  });
});

// Every note of every annotated showcase thread points at a paragraph that exists in the real mail (the
// build checks this too, but only when the mail is imported; this holds it on every unit run).
describe('notes of the annotated showcase threads', () => {
  const threads = resolve(repo, 'content/threads');
  for (const slug of readdirSync(threads)) {
    const mbox = join(corpus, `${slug}.mbox`);
    const notesFile = join(threads, slug, 'notes.mdx');
    if (!existsSync(mbox) || !existsSync(notesFile)) continue;
    it(`${slug}: every <Note message p> names a paragraph of that message`, async () => {
      const text = readFileSync(notesFile, 'utf8');
      const ids = Object.fromEntries(
        [...text.matchAll(/export const (\w+) = '([^']+)';/g)].map((m) => [m[1], m[2]]),
      );
      const notes = [...text.matchAll(/<Note message=\{(\w+)\} p=\{(\d+)\}/g)].map((m) => ({
        id: ids[m[1] as string] as string,
        p: Number(m[2]),
      }));
      expect(notes.length).toBeGreaterThan(0);
      const paragraphs = new Map<string, Set<number>>();
      for await (const m of readMessages(mbox)) {
        if (isRejection(m)) continue;
        paragraphs.set(
          stripAngles(m.messageId),
          new Set(numberedBlocks(toMessageView(m).blocks).map((b) => b.n)),
        );
      }
      const root = String(
        (parseYaml(readFileSync(join(threads, slug, 'thread.yaml'), 'utf8')) as { root: string }).root,
      );
      expect(paragraphs.has(root), `root ${root}`).toBe(true);
      for (const n of notes) expect(paragraphs.get(n.id)?.has(n.p), `${n.id} p${n.p}`).toBe(true);
    });
  }
});
