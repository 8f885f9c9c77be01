// Renders the stepper's CPU columns (one per CPU: moves so far, the current one marked, and why each
// stuck context waits at the end). Text only through textContent: edited models are reader input.

import type { StepView } from '../../lib/scenario-runtime/stepper.ts';

/** Replaces `host`'s children with the columns of `view`. */
export function renderColumns(host: HTMLElement, view: StepView): void {
  host.style.setProperty('--cpus', String(Math.max(1, view.columns.length)));
  const nodes = view.columns.map((col) => {
    const box = document.createElement('section');
    box.className = 'sim-cpu';
    box.dataset.cpu = String(col.cpu);
    const title = document.createElement('h5');
    title.textContent = `CPU${col.cpu}`;
    box.append(title);
    const list = document.createElement('ol');
    for (const t of col.done) {
      const item = document.createElement('li');
      item.value = t.step;
      item.dataset.step = t.id;
      item.textContent = `${t.context}: ${t.action}`;
      if (t === view.current) {
        item.className = 'is-current';
        item.setAttribute('aria-current', 'step');
      }
      list.append(item);
    }
    if (col.done.length === 0) {
      const idle = document.createElement('p');
      idle.className = 'sim-idle';
      idle.textContent = view.position === 0 ? 'not started' : 'nothing yet';
      box.append(idle);
    } else box.append(list);
    for (const why of col.blocked) {
      const p = document.createElement('p');
      p.className = 'sim-blocked';
      p.textContent = `Blocked: ${why}`;
      box.append(p);
    }
    return box;
  });
  host.replaceChildren(...nodes);
}
