// The position in a counterexample lives in the URL query (`?sim=<scenario id>&step=<N>`) so a link
// opens the page at that step. The hash stays free for message and paragraph anchors.

/** Which scenario's trace is shown and how many moves have been made (0 = before the first move). */
export interface TracePosition {
  sim: string;
  step: number;
}

/** Reads a position from a query string; null when absent or malformed. */
export function readPosition(search: string): TracePosition | null {
  const params = new URLSearchParams(search);
  const sim = params.get('sim');
  const raw = params.get('step');
  if (!sim || raw === null || !/^\d{1,6}$/.test(raw)) return null;
  return { sim, step: Number(raw) };
}

/** Writes a position into a query string, keeping other parameters; null removes it. */
export function writePosition(search: string, position: TracePosition | null): string {
  const params = new URLSearchParams(search);
  if (position) {
    params.set('sim', position.sim);
    params.set('step', String(position.step));
  } else {
    params.delete('sim');
    params.delete('step');
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Keeps a step number within 0…moves. */
export function clampStep(step: number, moves: number): number {
  if (!Number.isFinite(step)) return 0;
  return Math.min(Math.max(0, Math.trunc(step)), moves);
}
