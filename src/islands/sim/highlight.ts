// Marks the parts of the diagrams and the kernel-code list that the current step stands for: the
// arrow, the lock edges it exercises and its code; at the deadlock, every stuck context's too.

import { codeKey, type SimStep } from '../../lib/scenario-runtime/sim-data.ts';

/** Clears old marks inside `root` and marks the arrows (or notes), lock edges and code of `steps`. */
export function highlightSteps(root: HTMLElement, steps: readonly SimStep[]): void {
  // Only diagram parts and code lines: the CPU columns mark their own current entry.
  for (const el of root.querySelectorAll('.diagram-svg .is-current, [data-code].is-current'))
    el.classList.remove('is-current');
  for (const step of steps) {
    const marks = [
      ...root.querySelectorAll(`.diagram-svg [data-step="${CSS.escape(step.id)}"]`),
      ...step.edges.flatMap((id) => [
        ...root.querySelectorAll(`.diagram-svg [data-edge="${CSS.escape(id)}"]`),
      ]),
      ...root.querySelectorAll(`[data-code="${CSS.escape(codeKey(step.code))}"]`),
    ];
    for (const el of marks) el.classList.add('is-current');
  }
}
