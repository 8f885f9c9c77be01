// The error a scenario raises while it runs (a release of a lock it does not hold, a counter out of
// range): the model is wrong, not the explorer. It carries the step so an editor can point at its line.

/** A model error found while running; `node` is the step it is about, when known. */
export class ModelError extends Error {
  readonly node?: object;
  constructor(message: string, node?: object) {
    super(message);
    if (node) this.node = node;
  }
}
