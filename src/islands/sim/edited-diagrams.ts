// Diagrams of an edited model, drawn in the browser with the renderer and finishing the build uses
// (beautiful-mermaid, loaded on first use; lib/scenario-runtime/svg-annotate.ts), so they look the same
// and are tagged the same way (arrow N → data-step="sN", edge N → data-edge) for step highlighting.

import { PAGE_COLOURS } from '../../lib/diagrams/palette.ts';
import { inlineSvg } from '../../lib/scenario-runtime/svg-annotate.ts';
import type { RunSuccess } from './run-client.ts';

let renderer: Promise<typeof import('beautiful-mermaid')> | undefined;
// The kinds' annotators, loaded with the renderer (the registry also holds the build-side generators).
let registry: Promise<typeof import('../../lib/scenario-runtime/diagram-kinds/index.ts')> | undefined;

// Object URLs of the edited diagrams' exports, per simulation: revoked when it is redrawn.
const exportUrls = new WeakMap<HTMLElement, string[]>();

/** Replaces the build-time diagrams of `sim` with drawings of the edited model's result. */
export async function showEditedDiagrams(sim: HTMLElement, outcome: RunSuccess): Promise<void> {
  const host = sim.querySelector<HTMLElement>('.sim-edited-diagrams');
  if (!host) return;
  renderer ??= import('beautiful-mermaid');
  registry ??= import('../../lib/scenario-runtime/diagram-kinds/index.ts');
  const [{ renderMermaidSVG }, { DIAGRAM_KINDS }] = await Promise.all([renderer, registry]);
  for (const url of exportUrls.get(sim) ?? []) URL.revokeObjectURL(url);
  const urls: string[] = [];
  exportUrls.set(sim, urls);
  const figures: HTMLElement[] = [];
  for (const kind of DIAGRAM_KINDS) {
    const text = outcome[kind.field];
    const name = kind.name;
    const figure = document.createElement('figure');
    figure.className = 'diagram';
    figure.dataset.kind = kind.id;
    const heading = document.createElement('p');
    heading.className = 'diagram-heading';
    heading.textContent = `Edited model: ${name}`;
    const box = document.createElement('div');
    box.className = 'diagram-svg';
    box.setAttribute('data-pagefind-ignore', '');
    // Exports as the build offers them for bundled models (file names say the model was edited).
    const file = `${sim.dataset.id ?? 'model'}-edited-${kind.id}`;
    const exports = document.createElement('p');
    exports.className = 'diagram-export';
    const label = document.createElement('span');
    label.className = 'export-label';
    label.textContent = 'Export:';
    exports.append(label);
    const offer = (body: string, type: string, ext: string, words: string): void => {
      const url = URL.createObjectURL(new Blob([body], { type }));
      urls.push(url);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${file}.${ext}`;
      link.dataset.export = ext;
      link.textContent = words;
      exports.append(' ', link);
    };
    try {
      const raw = renderMermaidSVG(text, PAGE_COLOURS);
      const done = kind.annotate(raw, text);
      box.append(safeSvg(inlineSvg(done, `Edited model: ${name}`)));
      offer(done, 'image/svg+xml', 'svg', 'SVG');
    } catch (error) {
      box.textContent = `Could not draw this diagram: ${(error as Error).message}`;
    }
    if (kind.id === 'sequence') offer(outcome.sequenceText, 'text/plain', 'txt', 'Text (72 columns)');
    offer(text, 'text/plain', 'mmd', 'Mermaid');
    const full = document.createElement('button');
    full.type = 'button';
    full.dataset.act = 'full-size';
    full.textContent = 'Full size';
    exports.append(' ', full);
    figure.append(heading, box, exports);
    figures.push(figure);
  }
  host.replaceChildren(...figures);
  host.hidden = false;
  const original = sim.querySelector<HTMLElement>('.diagrams');
  if (original) original.hidden = true;
  // Side-by-side panels re-check whether their diagrams still fit (ls-scenarios).
  sim.dispatchEvent(new CustomEvent('ls-sim-redrawn', { bubbles: true }));
}

/**
 * The SVG as a node, parsed as XML (scripts parsed this way never run) and stripped of anything active
 * (script, foreignObject, on* attributes): labels come from the reader's edited model.
 */
function safeSvg(svg: string): Element {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') throw new Error('the renderer returned no SVG');
  for (const el of root.querySelectorAll('script, foreignObject')) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')])
    for (const attr of [...el.attributes]) if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
  return document.importNode(root, true);
}
