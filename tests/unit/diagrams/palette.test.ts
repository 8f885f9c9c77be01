// Every colour pair a diagram draws text with meets WCAG AA (4.5:1) in both themes: the lock-graph node
// classes (fixed colours), the page colours inline diagrams inherit (light-dark() pairs in global.css),
// the highlighted step's label, and the standalone export theme.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import baseline from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts';
import {
  contrastRatio,
  HOT_EDGE,
  lockGraphMermaid,
  NODE_CLASSES,
  STANDALONE_THEME,
} from '../../../src/lib/diagrams/index.ts';
import { validateScenario } from '../../../src/lib/locks/validator.ts';

const AA = 4.5;

/** The light and dark values of `--name: light-dark(#l, #d)` in a stylesheet. */
function themePair(file: string, name: string): { light: string; dark: string } {
  const css = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
  const m = css.match(new RegExp(`${name}:\\s*light-dark\\((#[0-9a-f]{3,6}),\\s*(#[0-9a-f]{3,6})\\)`, 'i'));
  if (!m?.[1] || !m[2]) throw new Error(`${name} is not a light-dark() pair in ${file}`);
  return { light: m[1], dark: m[2] };
}

describe('diagram colours', () => {
  it('contrast ratios follow WCAG (black on white 21, a colour on itself 1)', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('each node class carries its own text colour with AA contrast on its fill (so both themes pass)', () => {
    for (const [name, c] of Object.entries(NODE_CLASSES))
      expect(contrastRatio(c.text, c.fill), name).toBeGreaterThanOrEqual(AA);
    // …and the Mermaid text really sets it, so the page's light-on-dark text colour does not apply.
    const mmd = lockGraphMermaid(validateScenario(baseline));
    for (const c of Object.values(NODE_CLASSES)) expect(mmd).toContain(`color:${c.text}`);
  });

  it('the page colours inline diagrams inherit meet AA in light and dark', () => {
    const bg = themePair('src/styles/global.css', '--bg');
    const text = [
      themePair('src/styles/global.css', '--fg'),
      themePair('src/styles/global.css', '--muted'),
      themePair('src/components/scenarios/scenarios.css', '--hl-text'),
    ];
    for (const t of text) {
      expect(contrastRatio(t.light, bg.light)).toBeGreaterThanOrEqual(AA);
      expect(contrastRatio(t.dark, bg.dark)).toBeGreaterThanOrEqual(AA);
    }
  });

  it('standalone exports: text and labels on white meet AA; the red chain stands out (3:1) on both pages', () => {
    expect(contrastRatio(STANDALONE_THEME.fg, STANDALONE_THEME.bg)).toBeGreaterThanOrEqual(AA);
    expect(contrastRatio(STANDALONE_THEME.muted, STANDALONE_THEME.bg)).toBeGreaterThanOrEqual(AA);
    const bg = themePair('src/styles/global.css', '--bg');
    expect(contrastRatio(HOT_EDGE, bg.light)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(HOT_EDGE, bg.dark)).toBeGreaterThanOrEqual(3);
  });
});
