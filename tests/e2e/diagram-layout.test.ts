// Diagrams on the seed thread page in real Chromium: none cropped at 1400 px (side by side, each pair of
// scenarios), in present mode at 1280x720 (whole diagram and the current step on screen), with JS off,
// on a 390 px phone (scroll box + Full size at the drawn size); text colours against their backgrounds
// meet WCAG AA in light and dark. Screenshots of each view go to the test output.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { contrastRatio, MIN_SCALE } from '../../src/lib/diagrams/index.ts';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const seedUrl = `${inject('baseUrl')}threads/ofa-general-2009-irq-lock-inversion/`;
const browser = useChromium();

async function open(options: Parameters<Browser['newContext']>[0]) {
  const context: BrowserContext = await browser.newContext(options);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const response = await page.goto(seedUrl);
  expect(response?.status()).toBe(200);
  return { context, page, errors };
}

interface Fit {
  id: string;
  /** Drawn width (the SVG's width attribute) and shown width. */
  drawn: number;
  shown: number;
  /** The diagram's box: visible width and scrollable width. */
  box: number;
  scroll: number;
  /** The SVG's rectangle in the viewport. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Size and place of every visible diagram of the page. */
function fits(page: Page): Promise<Fit[]> {
  return page.$$eval('figure.diagram', (figures) =>
    figures
      .filter((f) => (f as HTMLElement).offsetParent !== null)
      .map((f) => {
        const svg = f.querySelector('.diagram-svg svg') as SVGSVGElement;
        const box = f.querySelector('.diagram-svg') as HTMLElement;
        const r = svg.getBoundingClientRect();
        return {
          id: f.getAttribute('data-diagram') ?? '',
          drawn: Number(svg.getAttribute('width')),
          shown: r.width,
          box: box.clientWidth,
          scroll: box.scrollWidth,
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
        };
      }),
  );
}

/** Not cropped: the whole SVG inside its box (no horizontal scroll) and inside the viewport's width. */
function expectWhole(all: Fit[], viewportWidth: number): void {
  expect(all.length).toBeGreaterThan(0);
  for (const f of all) {
    expect(f.scroll, `${f.id} scrolls inside its box`).toBeLessThanOrEqual(f.box + 1);
    expect(f.shown, `${f.id} wider than its box`).toBeLessThanOrEqual(f.box + 1);
    expect(f.left).toBeGreaterThanOrEqual(0);
    expect(f.right, `${f.id} past the viewport`).toBeLessThanOrEqual(viewportWidth);
    // …and readable: never scaled below MIN_SCALE of its drawn size.
    expect(f.shown / f.drawn, `${f.id} scaled to unreadable`).toBeGreaterThanOrEqual(MIN_SCALE - 0.01);
  }
}

describe('diagram layout', () => {
  it('at 1400 px no diagram is cropped, for every pair the fix selector can show', async () => {
    const { context, page, errors } = await open({ viewport: { width: 1400, height: 900 } });
    const right = page.locator('.scenario-compare select').nth(1);
    const options = await right
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    expect(options.length).toBeGreaterThanOrEqual(4);
    for (const value of options) {
      await right.selectOption(value);
      expectWhole(await fits(page), 1400);
    }
    // The seed's 3-CPU sequence diagram does not fit half the width readably: the pair is stacked.
    await right.selectOption('fix-canceling');
    await expect(page.locator('ls-scenarios').getAttribute('data-stacked')).resolves.toBe('');
    await page.locator('figure[data-diagram="baseline-2630-sequence"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('diagrams-1400.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in present mode at 1280x720 the whole diagram and the current step stay on screen', async () => {
    const { context, page, errors } = await open({ viewport: { width: 1280, height: 720 } });
    const sim = page.locator('ls-sim[data-id="baseline-2630"]');
    await sim.locator('button[data-act="present"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#scenario-baseline-2630').getAttribute('class')).resolves.toContain(
      'presenting',
    );
    const seq = sim.locator('figure[data-diagram="baseline-2630-sequence"] .diagram-svg svg');
    for (let step = 1; step <= 7; step++) {
      await page.keyboard.press('ArrowRight');
      await expect(sim.getAttribute('data-position')).resolves.toBe(String(step));
      const arrow = sim.locator(`.diagram-svg g.message[data-step="s${step}"]`);
      await expect(arrow.getAttribute('class')).resolves.toContain('is-current');
      await page.waitForFunction(() => new Promise((done) => requestAnimationFrame(() => done(true))));
      const a = await arrow.boundingBox();
      const s = await seq.boundingBox();
      if (!a || !s) throw new Error('the arrow or the diagram has no box');
      expect(a.y, `step ${step} above the screen`).toBeGreaterThanOrEqual(0);
      expect(a.y + a.height, `step ${step} below the fold`).toBeLessThanOrEqual(720);
      expect(s.y).toBeGreaterThanOrEqual(0);
      expect(s.y + s.height, 'diagram taller than the screen').toBeLessThanOrEqual(721);
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x + s.width).toBeLessThanOrEqual(1280);
    }
    await page.screenshot({ path: screenshotPath('diagrams-present-1280x720.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without JavaScript every panel is stacked and no diagram is cropped at 1400 px', async () => {
    const { context, page } = await open({
      viewport: { width: 1400, height: 900 },
      javaScriptEnabled: false,
    });
    const all = await fits(page);
    expect(all.length).toBeGreaterThanOrEqual(10);
    expectWhole(all, 1400);
    await page.screenshot({ path: screenshotPath('diagrams-nojs-1400.png'), fullPage: true });
    await context.close();
  });

  it('on a 390 px phone a wide diagram scrolls in its box and Full size shows it at its drawn size', async () => {
    const { context, page, errors } = await open({ viewport: { width: 390, height: 844 } });
    for (const f of await fits(page)) {
      // Inside the page: the box never pushes past the screen; what does not fit scrolls inside it.
      expect(f.box).toBeLessThanOrEqual(390);
      expect(f.shown / f.drawn).toBeGreaterThanOrEqual(MIN_SCALE - 0.01);
    }
    const figure = page.locator('figure[data-diagram="baseline-2630-sequence"]');
    await figure.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('diagrams-390.png') });
    await figure.locator('button[data-act="full-size"]').click();
    const dialog = page.locator('dialog.diagram-dialog');
    await expect(dialog.isVisible()).resolves.toBe(true);
    const drawn = Number(await figure.locator('.diagram-svg svg').getAttribute('width'));
    const shown = await dialog.locator('svg').evaluate((s) => s.getBoundingClientRect().width);
    expect(Math.abs(shown - drawn)).toBeLessThan(2);
    // The dialog's body scrolls to every part of it.
    const reach = await dialog.evaluate((d) => d.scrollWidth);
    expect(reach).toBeGreaterThanOrEqual(drawn);
    await page.screenshot({ path: screenshotPath('diagrams-390-full-size.png') });
    await page.keyboard.press('Escape');
    // The dialog's close event (which removes it) comes a task after the key.
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    await expect(dialog.count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('diagrams redrawn from an edited model keep the readable scale and the same look', async () => {
    const { context, page, errors } = await open({ viewport: { width: 1400, height: 900 } });
    const sim = page.locator('ls-sim[data-id="baseline-2630"]');
    await sim.locator('button[data-act="edit"]').click();
    await page.waitForSelector('ls-sim[data-id="baseline-2630"] .cm-content');
    await sim.locator('button[data-act="run-edited"]').click();
    await page.waitForSelector('ls-sim[data-id="baseline-2630"] .sim-edited-diagrams svg', {
      timeout: 30_000,
    });
    const drawn = await sim.locator('.sim-edited-diagrams svg').evaluateAll((svgs) =>
      svgs.map((s) => ({
        shown: s.getBoundingClientRect().width,
        drawn: (s as SVGSVGElement).viewBox.baseVal.width,
        box: (s.parentElement as HTMLElement).clientWidth,
        notes: s.querySelectorAll('g.note').length,
      })),
    );
    expect(drawn).toHaveLength(2);
    for (const d of drawn) {
      expect(d.shown / d.drawn).toBeGreaterThanOrEqual(MIN_SCALE - 0.01);
      expect(d.shown).toBeLessThanOrEqual(d.box + 1);
    }
    // Drawn by the build's renderer: the same width as the build-time diagram, the same note shapes.
    const built = Number(
      await sim.locator('.diagrams figure[data-kind="sequence"] svg').getAttribute('width'),
    );
    expect(Math.abs((drawn[0]?.drawn ?? 0) - built)).toBeLessThan(1);
    expect(drawn[0]?.notes).toBe(4);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`every diagram text meets WCAG AA against what it is drawn on (${scheme})`, async () => {
      const { context, page } = await open({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
      // Step once so a highlighted label is among the texts checked.
      await page.locator('ls-sim[data-id="baseline-2630"] button[data-act="step"]').click();
      const pairs = await page.$$eval('.diagram-svg svg text', (texts) => {
        // The page behind a diagram: the nearest ancestor with an opaque background.
        const behind = (el: Element): string => {
          for (let e: Element | null = el; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
          }
          return 'rgb(255, 255, 255)';
        };
        return texts.map((t) => {
          // The shape the text sits on: the first filled rect/polygon of its group, else the page.
          const group = t.closest('g');
          const shape = group
            ? [...group.querySelectorAll('rect, polygon')].find((s) => getComputedStyle(s).fill !== 'none')
            : undefined;
          return {
            text: t.textContent ?? '',
            fg: getComputedStyle(t).fill,
            bg: shape ? getComputedStyle(shape).fill : behind(t.closest('.diagram-svg') ?? t),
          };
        });
      });
      expect(pairs.length).toBeGreaterThan(50);
      const safeNode = pairs.find((p) => p.text.includes('hardirq-safe'));
      expect(safeNode, 'the hardirq-safe node').toBeDefined();
      expect(safeNode?.bg).not.toBe(safeNode?.fg);
      for (const p of pairs)
        expect(contrastRatio(rgb(p.fg), rgb(p.bg)), `"${p.text}" ${p.fg} on ${p.bg}`).toBeGreaterThanOrEqual(
          4.5,
        );
      await page.locator('figure[data-diagram="baseline-2630-lock-graph"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`diagrams-${scheme}.png`) });
      await context.close();
    });
  }
});

/** A computed colour (`rgb(…)`, `rgba(…)`, `color(srgb r g b)`) as 0..255 channels (alpha ignored). */
function rgb(css: string): [number, number, number] {
  const srgb = css.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)/);
  if (srgb) return [1, 2, 3].map((i) => Math.round(Number(srgb[i]) * 255)) as [number, number, number];
  const m = css.match(/^rgba?\((\d+(?:\.\d+)?),?\s*(\d+(?:\.\d+)?),?\s*(\d+(?:\.\d+)?)/);
  if (!m) throw new Error(`unparsed colour ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
