import { describe, expect, it } from 'vitest';
import {
  decodeEntityCodes,
  escapeAttr,
  fitNotes,
  inlineSvg,
  stripRemoteFonts,
  tagGraphEdges,
  tagSequenceArrows,
} from '../../../src/lib/scenario-runtime/svg-annotate.ts';

// Hand-written miniatures of beautiful-mermaid's output shapes.
const SEQ = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10" style="--bg:var(--bg);--fg:var(--fg)">',
  '<style>',
  "  @import url('https://fonts.googleapis.com/css2?family=Inter&amp;display=swap');",
  "  text { font-family: 'Inter', system-ui, sans-serif; }",
  '</style>',
  '<g class="message" data-from="p0" data-to="p0"><polyline points="0,0 1,1" /></g>',
  '<g class="message" data-from="p0" data-to="p1"><line x1="0" /></g>',
  '<g class="note" data-actors="p0"><rect /></g>',
  '<g class="note" data-actors="p1"><rect /></g>',
  '</svg>',
].join('\n');

describe('stripRemoteFonts', () => {
  it('removes the Google Fonts import and the Inter family', () => {
    const out = stripRemoteFonts(SEQ);
    expect(out).not.toContain('googleapis');
    expect(out).not.toContain('@import');
    expect(out).toContain("text { font-family: Inter, Arial, 'Liberation Sans', Helvetica, sans-serif; }");
  });
});

describe('decodeEntityCodes', () => {
  it("decodes Mermaid's #N; codes in text only, not in styles or attributes", () => {
    const svg = '<style>a{fill:#333;}</style><text x="1" data-l="#59;">lock#35;3 held#59; ok</text>';
    expect(decodeEntityCodes(svg)).toBe(
      '<style>a{fill:#333;}</style><text x="1" data-l="#59;">lock&#35;3 held&#59; ok</text>',
    );
  });
});

describe('fitNotes', () => {
  const note = (x0: number, x1: number) =>
    `<g class="note"><polygon points="${x0},10 ${x1 - 6},10 ${x1},16 ${x1},30 ${x0},30" /><text x="1" font-size="11">stuck</text></g>`;
  it('sets each note text to the inner width of its box', () => {
    const out = fitNotes(`<svg viewBox="0 0 200 50" width="200" height="50">${note(30, 130)}</svg>`);
    expect(out).toContain('<text textLength="76.0" lengthAdjust="spacingAndGlyphs" x="1"');
    expect(out).toContain('viewBox="0 0 200 50" width="200"');
  });
  it('widens the drawing when a note sticks out on the right', () => {
    const out = fitNotes(`<svg viewBox="0 0 100 50" width="100" height="50">${note(30, 130)}</svg>`);
    expect(out).toContain('viewBox="0 0 138.0 50" width="138.0"');
  });
});

describe('tagSequenceArrows', () => {
  it('numbers arrows in order, then the notes after them', () => {
    const out = tagSequenceArrows(SEQ);
    expect(out).toContain('<g class="message" data-step="s1" data-from="p0" data-to="p0">');
    expect(out).toContain('<g class="message" data-step="s2" data-from="p0" data-to="p1">');
    expect(out).toContain('<g class="note" data-step="s3" data-actors="p0">');
    expect(out).toContain('<g class="note" data-step="s4" data-actors="p1">');
  });
});

describe('tagGraphEdges', () => {
  const graph = [
    '<polyline class="edge" data-from="n_a" data-to="n_b" points="0,0" />',
    '<path class="edge" data-from="n_b" data-to="n_c" d="M0 0" />',
    '<g class="edge-label" data-from="n_a"><text>f()</text></g>',
    '<g class="edge-label" data-from="n_b"><text>g()</text></g>',
  ].join('\n');

  it('gives edge N and label N the id of edge N', () => {
    const out = tagGraphEdges(graph, ['a->b', 'b~>c']);
    expect(out).toContain('<polyline class="edge" data-edge="a-&gt;b" data-from="n_a"');
    expect(out).toContain('<path class="edge" data-edge="b~&gt;c" data-from="n_b"');
    expect(out).toContain('<g class="edge-label" data-edge="a-&gt;b" data-from="n_a">');
    expect(out).toContain('<g class="edge-label" data-edge="b~&gt;c" data-from="n_b">');
  });

  it('leaves edges without a known id untagged', () => {
    const out = tagGraphEdges(graph, ['a->b']);
    expect(out).toContain('<path class="edge" data-from="n_b"');
  });
});

describe('inlineSvg', () => {
  it('drops the root colour variables, keeps the size, fits the column and adds an accessible name', () => {
    const out = inlineSvg(SEQ, 'Sequence "diagram"');
    const root = out.split('\n')[0];
    expect(root).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10" style="--w:10px;--min-w:8px;--ar:1" role="img" aria-label="Sequence &quot;diagram&quot;" focusable="false">',
    );
  });

  it('scales down to at most three quarters of the drawn width, never up', () => {
    const out = inlineSvg('<svg viewBox="0 0 1101.37 676" width="1101.37" height="676">', 'x');
    expect(out).toContain('style="--w:1102px;--min-w:827px;--ar:1.629"');
  });
});

describe('escapeAttr', () => {
  it('escapes the characters that end or open markup', () => {
    expect(escapeAttr('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});
