// The build's cache folder (Astro's data store, our parse caches, Node's compile cache), in one place
// for the Astro config and the build command.

/** Environment variable that puts the cache elsewhere (each shard and each test build has its own). */
export const CACHE_DIR_ENV = 'LOCKSTEP_CACHE_DIR';

/** The cache folder for `env`, relative to the project unless the variable gives an absolute path. */
export function cacheFolder(env: Readonly<Record<string, string | undefined>>): string {
  return env[CACHE_DIR_ENV] ?? './node_modules/.astro';
}
