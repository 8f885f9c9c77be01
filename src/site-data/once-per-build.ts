// A value the pages of a build share (the threads with their messages, the feed entries), made the
// first time a page asks for it. `astro dev` makes it afresh on every ask: its content can be synced
// again while it runs.

/** `make` called once per build and its value kept; in `astro dev`, called on every ask. */
export function oncePerBuild<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    if (import.meta.env.DEV) return make();
    made ??= { value: make() };
    return made.value;
  };
}
