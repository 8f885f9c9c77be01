// Which pages of a dynamic route this build renders. A full build renders them all. An incremental build
// (src/integrations/render-plan.ts decides: the kept output was built by the same code, settings and
// shared content) renders only the pages whose key changed since that build: a page's key is what its
// HTML is made from (a thread page's: the thread's digest, its page number, its series). Every route
// records all its pages' keys, rendered or not, for the next build and for the steps after the pages.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PREVIOUS_KEYS_FILE, RENDER_PLAN_ENV, ROUTE_KEYS_FOLDER } from '../lib/site/render-plan-files.ts';

/** A page of a route as the plan sees it: the URL it is served at and what its HTML is made from. */
export interface PlannedPage {
  url: string;
  key: unknown;
}

/** The digest a page's key is compared by. */
export function keyDigest(key: unknown): string {
  return createHash('sha1').update(JSON.stringify(key)).digest('base64url');
}

/** The kept output's page keys (empty in a full build); read by each route (a dozen times a build). */
function previousKeys(folder: string): Map<string, string> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(join(folder, PREVIOUS_KEYS_FILE), 'utf8'))));
  } catch {
    // No kept output: a full build.
    return new Map();
  }
}

/**
 * The paths of `route` to render: all of them outside a planned build (dev server, tests) and in a full
 * build; in an incremental one, those whose key differs from the kept output's. Records every path's
 * key under the route's name.
 */
export function changedPaths<P>(route: string, paths: readonly P[], describe: (path: P) => PlannedPage): P[] {
  const folder = process.env[RENDER_PLAN_ENV];
  if (!folder) return [...paths];
  const kept = previousKeys(folder);
  const keys: Record<string, string> = {};
  const out: P[] = [];
  for (const path of paths) {
    const { url, key } = describe(path);
    const digest = keyDigest(key);
    keys[url] = digest;
    if (kept.get(url) !== digest) out.push(path);
  }
  mkdirSync(join(folder, ROUTE_KEYS_FOLDER), { recursive: true });
  writeFileSync(join(folder, ROUTE_KEYS_FOLDER, `${route}.json`), JSON.stringify(keys));
  return out;
}
