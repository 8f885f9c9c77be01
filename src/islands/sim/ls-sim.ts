// <ls-sim>: steps through a scenario's counterexample (Step / Back / Play / Reset, position in the URL),
// runs the model in a Web Worker, opens the model in an editor, exports diagrams, and presents full screen.
// The build-time HTML inside it stays the content; this element only adds controls and highlights.

import { type SimResult, VERDICT_WORDS } from '../../lib/scenario-runtime/sim-data.ts';
import { movesOf, stepView } from '../../lib/scenario-runtime/stepper.ts';
import { clampStep, readPosition, writePosition } from '../../lib/scenario-runtime/trace-position.ts';
import { renderColumns } from './cpu-columns.ts';
import { copyDiagram, downloadPng } from './export-actions.ts';
import { openFullSize } from './full-size.ts';
import { highlightSteps } from './highlight.ts';
import { type RunOutcome, runInWorker } from './run-client.ts';

// Budgets: the seed models need well under a second; an edited model gets a hard stop.
const BUNDLED = { maxStates: 2_000_000, maxMs: 20_000, timeoutMs: 30_000 };
const EDITED = { maxStates: 500_000, maxMs: 3_000, timeoutMs: 4_000 };
const PLAY_MS = 900;

/** The simulation element; see the file comment. */
export class LsSim extends HTMLElement {
  #result!: SimResult;
  #original!: SimResult;
  #position = 0;
  #playing: ReturnType<typeof setInterval> | undefined;
  #editor: { getSource(): string; setSource(text: string): void } | undefined;
  #onKey = (event: KeyboardEvent) => this.#presentKey(event);

  connectedCallback(): void {
    if (this.#original) return;
    this.#original = JSON.parse(this.dataset.result ?? '{}') as SimResult;
    this.#result = this.#original;
    this.querySelector<HTMLElement>('.sim-controls')?.removeAttribute('hidden');
    for (const el of this.querySelectorAll<HTMLElement>('.export-js')) el.hidden = false;
    this.addEventListener('click', (event) => this.#onClick(event));
    document.addEventListener('fullscreenchange', () => {
      if (!document.fullscreenElement && this.#panel().classList.contains('presenting')) this.#present(false);
    });
    const start = readPosition(location.search);
    if (start && start.sim === this.dataset.id) {
      this.#show(start.step, false);
      this.dispatchEvent(new CustomEvent('ls-sim-linked', { bubbles: true }));
      requestAnimationFrame(() => this.#panel().scrollIntoView({ block: 'start' }));
    } else this.#show(0, false);
  }

  /** Moves made so far (0 = start). */
  get position(): number {
    return this.#position;
  }

  #panel(): HTMLElement {
    return this.closest<HTMLElement>('.scenario') ?? this;
  }

  #button(act: string): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(`button[data-act="${act}"]`);
  }

  #onClick(event: Event): void {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-act]');
    if (!button || !this.contains(button)) return;
    const act = button.dataset.act;
    if (act !== 'play') this.#stop();
    if (act === 'step') this.#show(this.#position + 1);
    else if (act === 'back') this.#show(this.#position - 1);
    else if (act === 'reset') this.#show(0);
    else if (act === 'play') this.#togglePlay();
    else if (act === 'run') void this.#run();
    else if (act === 'present') this.#present(!this.#panel().classList.contains('presenting'));
    else if (act === 'edit') void this.#toggleEditor(button);
    else if (act === 'run-edited') void this.#runEdited();
    else if (act === 'reset-model') this.#resetModel();
    else if (act === 'copy') void copyDiagram(button);
    else if (act === 'png') void downloadPng(button);
    else if (act === 'full-size') openFullSize(button);
  }

  #show(step: number, updateUrl = true): void {
    const moves = movesOf(this.#result.trace).length;
    this.#position = clampStep(step, moves);
    const view = stepView(this.#result.trace, this.#result.cpus, this.#position);
    const cpus = this.querySelector<HTMLElement>('.sim-cpus');
    if (cpus) {
      cpus.hidden = moves === 0;
      renderColumns(cpus, view);
    }
    const status = this.querySelector<HTMLElement>('.sim-status');
    if (status) status.textContent = view.status;
    this.dataset.position = String(this.#position);
    highlightSteps(this, view.highlighted);
    if (this.#panel().classList.contains('presenting')) this.#revealStep();
    for (const [act, off] of [
      ['back', this.#position === 0],
      ['reset', this.#position === 0],
      ['step', this.#position >= moves],
      ['play', moves === 0],
    ] as const) {
      const b = this.#button(act);
      if (b) b.disabled = off && !(act === 'play' && this.#playing);
    }
    if (updateUrl) {
      const search = writePosition(
        location.search,
        this.#position > 0 ? { sim: this.dataset.id ?? '', step: this.#position } : null,
      );
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }
  }

  #togglePlay(): void {
    if (this.#playing) {
      this.#stop();
      return;
    }
    const moves = movesOf(this.#result.trace).length;
    if (this.#position >= moves) this.#show(0);
    const play = this.#button('play');
    if (play) play.textContent = 'Pause';
    this.#playing = setInterval(() => {
      this.#show(this.#position + 1);
      if (this.#position >= moves) this.#stop();
    }, PLAY_MS);
  }

  #stop(): void {
    if (!this.#playing) return;
    clearInterval(this.#playing);
    this.#playing = undefined;
    const play = this.#button('play');
    if (play) play.textContent = 'Play';
    this.#show(this.#position, false);
  }

  async #run(): Promise<void> {
    const out = this.querySelector<HTMLOutputElement>('.sim-run');
    const button = this.#button('run');
    if (button) button.disabled = true;
    if (out) out.textContent = 'Running in a worker…';
    const t0 = performance.now();
    let outcome: RunOutcome;
    try {
      const response = await fetch(`/diagrams/${this.dataset.id}.model.json`);
      if (!response.ok) throw new Error(`could not load the model (HTTP ${response.status})`);
      const scenario: unknown = await response.json();
      outcome = await runInWorker({ kind: 'scenario', scenario, ...BUNDLED }, BUNDLED.timeoutMs);
    } catch (error) {
      outcome = { ok: false, phase: 'worker', error: (error as Error).message };
    }
    const wall = performance.now() - t0;
    if (button) button.disabled = false;
    this.#report(outcome, wall);
  }

  #report(outcome: RunOutcome, wall: number): void {
    const out = this.querySelector<HTMLOutputElement>('.sim-run');
    if (!out) return;
    if (!outcome.ok) {
      out.dataset.verdict = 'error';
      out.textContent = outcome.error;
      return;
    }
    const r = outcome.result;
    const words = VERDICT_WORDS[r.verdict];
    out.dataset.verdict = r.verdict;
    out.dataset.runMs = wall.toFixed(1);
    out.textContent =
      `${words}: ${r.states} states, ${r.transitions} transitions, explored in ${r.ms} ms ` +
      `(${wall.toFixed(0)} ms from Run to verdict)${r.limit ? `; stopped: ${r.limit}` : ''}.`;
  }

  #present(on: boolean): void {
    const panel = this.#panel();
    panel.classList.toggle('presenting', on);
    this.#button('present')?.setAttribute('aria-pressed', String(on));
    if (on) {
      document.addEventListener('keydown', this.#onKey);
      panel.requestFullscreen?.().catch(() => {
        // Full screen may be refused (iframes without allow="fullscreen"); the fixed overlay still works.
      });
      this.#button('step')?.focus();
      requestAnimationFrame(() => this.#revealStep());
    } else {
      document.removeEventListener('keydown', this.#onKey);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      this.#button('present')?.focus();
    }
  }

  /** In present mode, scrolls the diagram that shows the current step into view (whole, it fits). */
  #revealStep(): void {
    const mark = this.querySelector('.diagram-svg [data-step].is-current, .diagram-svg .is-current');
    const figure = (mark ?? this.querySelector('.diagram-svg'))?.closest('figure');
    figure?.querySelector('.diagram-svg')?.scrollIntoView({ block: 'nearest' });
  }

  #presentKey(event: KeyboardEvent): void {
    const keys: Record<string, () => void> = {
      ArrowRight: () => this.#show(this.#position + 1),
      ArrowDown: () => this.#show(this.#position + 1),
      ' ': () => this.#show(this.#position + 1),
      PageDown: () => this.#show(this.#position + 1),
      ArrowLeft: () => this.#show(this.#position - 1),
      ArrowUp: () => this.#show(this.#position - 1),
      PageUp: () => this.#show(this.#position - 1),
      Home: () => this.#show(0),
      End: () => this.#show(movesOf(this.#result.trace).length),
      Escape: () => this.#present(false),
    };
    // A Full size dialog open over the presentation takes the keys (Escape closes it, not the show).
    if ((event.target as Element).closest?.('dialog')) return;
    const action = keys[event.key];
    // Space on a focused button should still press it.
    if (!action || (event.key === ' ' && (event.target as Element).closest('button'))) return;
    event.preventDefault();
    this.#stop();
    action();
  }

  async #toggleEditor(button: HTMLButtonElement): Promise<void> {
    const box = this.querySelector<HTMLElement>('.sim-editor');
    const host = this.querySelector<HTMLElement>('.sim-editor-host');
    if (!box || !host) return;
    const open = box.hidden;
    box.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Close editor' : 'Edit model';
    if (open && !this.#editor) {
      host.textContent = 'Loading the editor…';
      const { createModelEditor } = await import('./editor.ts');
      host.textContent = '';
      this.#editor = createModelEditor(host, this.#originalSource(), `Model of ${this.dataset.id}`);
    }
    if (open) host.querySelector<HTMLElement>('.cm-content')?.focus();
  }

  #originalSource(): string {
    return this.querySelector('.model-source code')?.textContent ?? '';
  }

  /** The model's file name and the sources of the sibling models it imports, as the panel carries them. */
  #modelFiles(): { name: string; siblings: Record<string, string> } {
    const box = this.querySelector<HTMLElement>('.sim-editor');
    const siblings = JSON.parse(box?.dataset.siblings ?? '{}') as Record<string, string>;
    return { name: box?.dataset.file ?? 'model.ts', siblings };
  }

  async #runEdited(): Promise<void> {
    if (!this.#editor) return;
    const error = this.querySelector<HTMLOutputElement>('.sim-error');
    const out = this.querySelector<HTMLOutputElement>('.sim-run');
    if (error) error.textContent = '';
    if (out) {
      out.dataset.verdict = '';
      out.textContent = 'Running the edited model in a worker…';
    }
    const t0 = performance.now();
    const outcome = await runInWorker(
      { kind: 'source', source: this.#editor.getSource(), ...this.#modelFiles(), ...EDITED },
      EDITED.timeoutMs,
    );
    const wall = performance.now() - t0;
    if (!outcome.ok) {
      if (error)
        error.textContent = `${outcome.phase === 'timeout' ? '' : `Error (${outcome.phase})${outcome.line ? ` at line ${outcome.line}` : ''}: `}${outcome.error}`;
      if (out) out.textContent = 'The edited model did not run; see the message below the editor.';
      return;
    }
    this.#report(outcome, wall);
    this.dataset.edited = '';
    this.#result = outcome.result;
    this.#show(0);
    const { showEditedDiagrams } = await import('./edited-diagrams.ts');
    await showEditedDiagrams(this, outcome);
    this.#show(0, false);
  }

  #resetModel(): void {
    this.#editor?.setSource(this.#originalSource());
    const error = this.querySelector<HTMLOutputElement>('.sim-error');
    if (error) error.textContent = '';
    const out = this.querySelector<HTMLOutputElement>('.sim-run');
    if (out) {
      out.textContent = '';
      out.dataset.verdict = '';
    }
    delete this.dataset.edited;
    this.#result = this.#original;
    const edited = this.querySelector<HTMLElement>('.sim-edited-diagrams');
    if (edited) {
      edited.hidden = true;
      edited.replaceChildren();
    }
    const diagrams = this.querySelector<HTMLElement>('.diagrams');
    if (diagrams) diagrams.hidden = false;
    this.#show(0);
  }
}
