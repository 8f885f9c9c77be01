// <ls-scenarios>: the fix selector. Shows two scenario panels side by side (by default the baseline and
// the first fix) with a select for each side; "none" on the right shows one panel at full width.
// Without JavaScript every panel is shown, one after another. When a diagram cannot fit its half of the
// width at a readable scale, the pair stacks (one above the other) instead of cropping it.

import { readPosition } from '../../lib/scenario-runtime/trace-position.ts';

/** The fix selector element; see the file comment. */
export class LsScenarios extends HTMLElement {
  #left!: HTMLSelectElement;
  #right!: HTMLSelectElement;

  connectedCallback(): void {
    if (this.#left) return;
    const panels = this.#panels();
    if (panels.length < 2) return;
    const bar = document.createElement('div');
    bar.className = 'scenario-compare';
    this.#left = this.#select('Show', panels, false);
    this.#right = this.#select('beside', panels, true);
    bar.append(...this.#labelled('Show', this.#left), ...this.#labelled('side by side with', this.#right));
    this.prepend(bar);
    const baseline = panels.find((p) => p.dataset.verdict === 'deadlock') ?? panels[0];
    const fix = panels.find((p) => p !== baseline && p.dataset.verdict === 'no-deadlock');
    this.#left.value = baseline?.dataset.scenarioId ?? '';
    this.#right.value = fix?.dataset.scenarioId ?? '';
    // A link to a step of another scenario shows that one on the left.
    const linked = readPosition(location.search)?.sim;
    if (linked && linked !== this.#right.value && panels.some((p) => p.dataset.scenarioId === linked))
      this.#left.value = linked;
    this.addEventListener('change', () => this.#apply());
    // A link to a step of a hidden scenario brings that scenario to the left side.
    this.addEventListener('ls-sim-linked', (event) => {
      const id = (event.target as HTMLElement).dataset.id ?? '';
      if (id !== this.#left.value && id !== this.#right.value) this.#left.value = id;
      this.#apply();
    });
    this.addEventListener('ls-sim-redrawn', () => this.#fit());
    let queued = false;
    window.addEventListener('resize', () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        this.#fit();
      });
    });
    this.#apply();
  }

  /** Stacks the compared pair when a visible diagram overflows its box side by side. */
  #fit(): void {
    this.removeAttribute('data-stacked');
    if (!this.hasAttribute('data-compare')) return;
    const boxes = this.querySelectorAll<HTMLElement>(':scope > .scenario:not([hidden]) .diagram-svg');
    const overflows = [...boxes].some((b) => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1);
    if (overflows) this.setAttribute('data-stacked', '');
  }

  #panels(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>(':scope > .scenario')];
  }

  #select(_role: string, panels: HTMLElement[], optional: boolean): HTMLSelectElement {
    const select = document.createElement('select');
    if (optional) select.append(new Option('nothing (one scenario)', ''));
    for (const p of panels) {
      const title = p.querySelector('.scenario-title')?.firstChild?.textContent?.trim() ?? '';
      select.append(new Option(`${p.dataset.scenarioId}: ${title}`, p.dataset.scenarioId ?? ''));
    }
    return select;
  }

  #labelled(text: string, select: HTMLSelectElement): [HTMLLabelElement] {
    const label = document.createElement('label');
    label.append(`${text} `, select);
    return [label];
  }

  #apply(): void {
    const left = this.#left.value;
    const right = this.#right.value === left ? '' : this.#right.value;
    for (const p of this.#panels()) {
      const id = p.dataset.scenarioId;
      p.hidden = id !== left && id !== right;
      // Order the visible pair as chosen (left, right).
      p.style.order = id === left ? '1' : '2';
    }
    if (right) this.setAttribute('data-compare', '');
    else this.removeAttribute('data-compare');
    this.#fit();
  }
}
