import { describe, expect, it } from 'vitest';
import { bidiControlNames, hasBidiControls, revealBidiControls } from '../../../src/lib/mail/bidi.ts';
import { htmlToPlainText } from '../../../src/lib/mail/html-text.ts';
import {
  flattenThread,
  MAX_DRAWN_DEPTH,
  type Thread,
  type ThreadNode,
} from '../../../src/lib/mail/thread-tree.ts';

// Hostile text through lib/mail's pure pieces: bidi flagging, the linear HTML-to-text pass and the
// bounded thread skeleton.
describe('bidi controls (flagged as b4 does)', () => {
  const rlo = 'fix \u202eexe.cod\u202c lock';
  it('finds them by name in order of first use', () => {
    expect(hasBidiControls(rlo)).toBe(true);
    expect(hasBidiControls('plain subject — with an em dash')).toBe(false);
    expect(bidiControlNames(`${rlo} \u2067x\u2069 \u202e`)).toEqual(['RLO', 'PDF', 'RLI', 'PDI']);
    expect(bidiControlNames('\u200e\u200f\u061c')).toEqual(['LRM', 'RLM', 'ALM']);
  });
  it('shows each one as a visible code point marker', () => {
    expect(revealBidiControls(rlo)).toBe('fix [U+202E]exe.cod[U+202C] lock');
    expect(revealBidiControls('no controls')).toBe('no controls');
  });
});

describe('htmlToPlainText (one linear pass)', () => {
  it('drops scripts, styles and comments and keeps text', () => {
    expect(htmlToPlainText('<p>Hi <b>there</b></p><script>alert(1)</script>x<br>y')).toBe('Hi there\nx\ny');
    expect(htmlToPlainText('<STYLE>p{}</STYLE><!-- c -->T&amp;&lt;b&gt;')).toBe('T&<b>');
    expect(htmlToPlainText('<ul><li>a</li><li>b</li></ul>')).toBe('- a\n- b');
  });
  it('treats unclosed markup the way the old regex pass did', () => {
    // An unclosed <script> is just a tag; an unclosed comment hides the rest; a lone < is text.
    expect(htmlToPlainText('<script>x')).toBe('x');
    expect(htmlToPlainText('a<!-- never closed <p>b')).toBe('a');
    expect(htmlToPlainText('x <notclosed')).toBe('x <notclosed');
    expect(htmlToPlainText('a < b and c > d')).toBe('a  d');
  });
  it('handles a megabyte of unclosed tags (quadratic before) with nothing lost', () => {
    const lt = '<'.repeat(1 << 20);
    expect(htmlToPlainText(`${lt}`)).toBe(lt);
    expect(htmlToPlainText(`ok${'<script>'.repeat(100_000)}`)).toBe('ok');
    expect(htmlToPlainText(`ok${'<!--'.repeat(100_000)}`)).toBe('ok');
  });
});

describe('flattenThread skeleton', () => {
  /** A reply chain `depth` messages deep. */
  function chain(depth: number): Thread {
    const nodes: ThreadNode[] = Array.from({ length: depth }, (_, i) => ({
      key: `m${i}`,
      messageId: `m${i}`,
      anchor: `a${i}`,
      ghost: false,
      index: i,
      copy: 1,
      bySubject: false,
      children: [],
    }));
    for (let i = 1; i < depth; i++) (nodes[i - 1] as ThreadNode).children.push(nodes[i] as ThreadNode);
    return { key: 'm0', roots: [nodes[0] as ThreadNode], size: depth, first: 0 };
  }
  it('draws lore-style prefixes for shallow rows', () => {
    expect(flattenThread(chain(4)).map((r) => r.skeleton)).toEqual(['', '`-', '  `-', '    `-']);
  });
  it('stops growing the drawing past MAX_DRAWN_DEPTH, so a 10,000-deep chain stays linear', () => {
    const rows = flattenThread(chain(10_000));
    expect(rows).toHaveLength(10_000);
    expect(rows.at(-1)?.depth).toBe(9_999);
    const longest = Math.max(...rows.map((r) => r.skeleton.length));
    expect(longest).toBe(2 * MAX_DRAWN_DEPTH);
    expect(rows[MAX_DRAWN_DEPTH]?.skeleton).toBe(`${'  '.repeat(MAX_DRAWN_DEPTH - 1)}\`-`);
  });
});
