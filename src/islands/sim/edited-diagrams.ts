// Diagrams of an edited model, drawn in the browser with Mermaid (loaded lazily, strict security), then
// tagged like the build-time SVG (arrow N → data-step="sN", edge N → data-edge) so stepping highlights them.

import { fitDrawnSvg } from './full-size.ts';
import type { RunSuccess } from './run-client.ts';

let ready: Promise<typeof import('mermaid').default> | undefined;

function mermaid() {
  ready ??= import('mermaid').then((m) => {
    m.default.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
    return m.default;
  });
  return ready;
}

let count = 0;

/** Replaces the build-time diagrams of `sim` with drawings of the edited model's result. */
export async function showEditedDiagrams(sim: HTMLElement, outcome: RunSuccess): Promise<void> {
  const host = sim.querySelector<HTMLElement>('.sim-edited-diagrams');
  if (!host) return;
  const m = await mermaid();
  const figures: HTMLElement[] = [];
  for (const [kind, text] of [
    ['sequence', outcome.sequence],
    ['lock-graph', outcome.graph],
  ] as const) {
    count += 1;
    const figure = document.createElement('figure');
    figure.className = 'diagram';
    figure.dataset.kind = kind;
    const heading = document.createElement('p');
    heading.className = 'diagram-heading';
    heading.textContent = `Edited model: ${kind === 'sequence' ? 'counterexample' : 'lock dependency graph'}`;
    const box = document.createElement('div');
    box.className = 'diagram-svg';
    box.setAttribute('data-pagefind-ignore', '');
    try {
      const { svg } = await m.render(`ls-edited-${count}`, text);
      // Mermaid's strict mode sanitises labels; the SVG is its own output, not reader HTML.
      box.innerHTML = svg;
      const drawn = box.querySelector('svg');
      if (drawn) fitDrawnSvg(drawn);
      if (kind === 'sequence') tagMermaidSequence(box);
      else tagMermaidGraph(box, outcome.edgeIds);
    } catch (error) {
      box.textContent = `Mermaid could not draw this diagram: ${(error as Error).message}`;
    }
    const full = document.createElement('button');
    full.type = 'button';
    full.dataset.act = 'full-size';
    full.textContent = 'Full size';
    figure.append(heading, box, full);
    figures.push(figure);
  }
  host.replaceChildren(...figures);
  host.hidden = false;
  const original = sim.querySelector<HTMLElement>('.diagrams');
  if (original) original.hidden = true;
  // Side-by-side panels re-check whether their diagrams still fit (ls-scenarios).
  sim.dispatchEvent(new CustomEvent('ls-sim-redrawn', { bubbles: true }));
}

function tagMermaidSequence(box: HTMLElement): void {
  const lines = box.querySelectorAll('.messageLine0, .messageLine1');
  const texts = box.querySelectorAll('.messageText');
  lines.forEach((el, i) => {
    el.setAttribute('data-step', `s${i + 1}`);
  });
  texts.forEach((el, i) => {
    el.setAttribute('data-step', `s${i + 1}`);
  });
}

function tagMermaidGraph(box: HTMLElement, edgeIds: readonly string[]): void {
  box.querySelectorAll('.flowchart-link').forEach((el, i) => {
    const id = edgeIds[i];
    if (id !== undefined) el.setAttribute('data-edge', id);
  });
}
