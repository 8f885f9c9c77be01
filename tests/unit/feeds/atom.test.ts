// Atom documents stay valid whatever mail text goes into them.
import { describe, expect, it } from 'vitest';
import { type AtomEntry, atomXml } from '../../../src/lib/feeds/atom.ts';
import { checkAtom } from '../../support/atom-check.ts';

const entry = (over: Partial<AtomEntry> = {}): AtomEntry => ({
  id: 'http://127.0.0.1:4321/threads/a/',
  title: 'RDMA/widget: fix a deadlock',
  link: 'http://127.0.0.1:4321/threads/a/',
  updated: '2024-01-02T10:00:00.000Z',
  authors: ['Ann Author'],
  categories: ['linux-rdma', 'circular'],
  ...over,
});
const feed = (entries: AtomEntry[]) =>
  atomXml({
    id: 'http://127.0.0.1:4321/atom.xml',
    title: 'Lockstep',
    self: 'http://127.0.0.1:4321/atom.xml',
    alternate: 'http://127.0.0.1:4321/',
    author: 'Lockstep',
    entries,
  });

describe('atomXml', () => {
  it('writes a valid Atom 1.0 feed whose updated is the newest entry', () => {
    const xml = feed([
      entry(),
      entry({ id: 'http://127.0.0.1:4321/threads/b/', updated: '2025-05-05T00:00:00.000Z' }),
    ]);
    const { problems, feed: parsed } = checkAtom(xml);
    expect(problems).toEqual([]);
    expect(String(parsed.updated)).toBe('2025-05-05T00:00:00.000Z');
  });

  it('escapes markup and drops characters XML forbids', () => {
    const hostile = 'a <script>alert(1)</script> & "b" \u0000\u0007\u001b[31m \uFFFE end';
    const xml = feed([
      entry({ title: hostile, summary: hostile, authors: [hostile], categories: [hostile] }),
    ]);
    const { problems, entries } = checkAtom(xml);
    expect(problems).toEqual([]);
    expect(xml).not.toContain('<script>');
    // The parser reads the text back as written, less the forbidden characters.
    const title = entries[0]?.title as Record<string, unknown> | undefined;
    expect(String(title?.['#text'])).toBe('a <script>alert(1)</script> & "b" [31m  end');
  });

  it('is caught by the checker when a required element is missing', () => {
    const broken = feed([entry()]).replace(/<updated>[^<]*<\/updated>\n {4}/, '');
    expect(checkAtom(broken).problems.join('\n')).toMatch(/entry 0 needs exactly one <updated>/);
    expect(checkAtom('<feed><id>x</feed>').problems[0]).toMatch(/not well-formed/);
  });
});
