// A counterexample as a Mermaid sequence diagram: one lifeline per context (CPU and kind in its name),
// exactly one arrow per trace step in trace order (arrow N is step sN), and a note per stuck context.
// A stretch a step opens (an RCU grace period: synchronize_rcu() until its readers have left) is a
// `critical` box from its opening arrow to its closing one, or to the end when it never closes.

import type { ExploreResult, TraceStep } from '../locks/explore.ts';
import { seqText } from './mermaid-text.ts';

const KIND_RANK = { task: 0, worker: 0, softirq: 1, hardirq: 2 } as const;

/** Lifelines in display order: by CPU, then task < softirq < hardirq, then first appearance. */
export function lifelines(trace: readonly TraceStep[]): { contextId: string; label: string }[] {
  const first = new Map<string, TraceStep>();
  for (const t of trace) if (!first.has(t.contextId)) first.set(t.contextId, t);
  const order = [...first.values()].map((t, i) => ({ t, i }));
  order.sort(
    (a, b) => a.t.cpu - b.t.cpu || KIND_RANK[a.t.contextKind] - KIND_RANK[b.t.contextKind] || a.i - b.i,
  );
  return order.map(({ t }) => ({ contextId: t.contextId, label: `CPU${t.cpu} ${t.context}` }));
}

/** Mermaid sequenceDiagram text for an exploration result (its counterexample, or a note when none). */
export function sequenceMermaid(r: ExploreResult): string {
  const lines = [
    'sequenceDiagram',
    `  %% ${r.id}: ${r.verdict}, ${r.states} states, ${r.transitions} transitions`,
  ];
  const lanes = lifelines(r.trace);
  const pid = new Map(lanes.map((l, i) => [l.contextId, `p${i}`]));
  for (const [i, l] of lanes.entries()) lines.push(`  participant p${i} as ${seqText(l.label)}`);
  if (r.trace.length === 0) {
    lines.push('  participant none as no counterexample');
    lines.push(`  Note over none: ${seqText(`${r.verdict}: ${r.states} states explored`)}`);
    return `${lines.join('\n')}\n`;
  }
  // Which context is on top of each CPU, so an interrupt's arrow starts at what it interrupts.
  const stacks = new Map<number, string[]>();
  // Boxes open now, innermost last; Mermaid boxes nest, so one closed under another stays open until then.
  const boxes: { id: string; closed: boolean }[] = [];
  const closeBoxes = (): void => {
    while (boxes.length > 0 && boxes[boxes.length - 1]?.closed) {
      boxes.pop();
      lines.push('  end');
    }
  };
  for (const t of r.trace) {
    const me = pid.get(t.contextId) ?? 'p0';
    if (t.blocked !== undefined) {
      lines.push(`  Note over ${me}: ${seqText(`stuck: ${t.blocked}`)}`);
      continue;
    }
    const stack = stacks.get(t.cpu) ?? [];
    stacks.set(t.cpu, stack);
    const entering = t.at.endsWith('/entry') && (t.contextKind === 'hardirq' || t.contextKind === 'softirq');
    const from = entering ? (stack[stack.length - 1] ?? me) : me;
    if (entering) stack.push(me);
    if (t.span?.opens) {
      boxes.push({ id: t.span.id, closed: false });
      lines.push(`  critical ${seqText(t.span.label)}`);
    }
    lines.push(`  ${from}->>${me}: ${seqText(`${t.step}. ${t.action}`)}`);
    if (t.span && !t.span.opens) {
      const box = boxes.find((b) => b.id === t.span?.id && !b.closed);
      if (box) box.closed = true;
      closeBoxes();
    }
    if (t.returns && stack[stack.length - 1] === me) stack.pop();
  }
  for (const b of boxes) b.closed = true;
  closeBoxes();
  return `${lines.join('\n')}\n`;
}
