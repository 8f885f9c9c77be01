// The build log for site-data steps that run inside Astro's page code (getStaticPaths, as the static
// routes start), where Astro hands no logger: lines written as Astro's own look (time, [label], text),
// so a long step there can report its progress like the loaders and integrations do.

/** A logger writing `HH:MM:SS [label] message` lines to the build's output. */
export function buildLog(label: string): { info(message: string): void } {
  return {
    info: (message) => console.log(`${new Date().toTimeString().slice(0, 8)} [${label}] ${message}`),
  };
}
