// Where a long C name may wrap on a narrow screen: after an underscore inside it, as a reader splits
// `cancel_delayed_work()` into its words, rather than wherever the line runs out (between `(` and `)`).

/** `name` cut after each underscore that has a letter or digit on both sides; joined, the parts are `name`. */
export function identifierBreaks(name: string): string[] {
  return name.split(/(?<=[A-Za-z0-9]_)(?=[A-Za-z0-9])/);
}
