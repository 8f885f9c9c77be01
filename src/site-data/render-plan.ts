// Which pages of a dynamic route this build renders. A full build renders them all. An incremental build
// (src/integrations/render-plan.ts decides: the kept output was built by the same code, settings and
// shared content) renders only the pages whose key changed since that build: a page's key is what its
// HTML is made from (a thread page's: the thread's digest, its page number, its series). Every route
// records all its pages' keys, rendered or not, for the next build and for the steps after the pages.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PREVIOUS_KEYS_FILE,
  RENDER_PLAN_ENV,
  ROUTE_KEYS_FOLDER,
  type RouteKeys,
} from '../lib/site/render-plan-files.ts';
import { stampOf } from '../loaders/stamped-cache.ts';

/** A page of a route as the plan sees it: the URL it is served at and what its HTML is made from. */
export interface PlannedPage {
  url: string;
  key: unknown;
}

/** The digest a page's key is compared by. */
export function keyDigest(key: unknown): string {
  return createHash('sha1').update(JSON.stringify(key)).digest('base64url');
}

// The kept output's keys of every route, read once per build (one file for all routes, a megabyte on a
// large archive), not once per route: known by the file's path, size and time, as each build writes it anew.
let previous: { stamp: string; keys: RouteKeys | undefined } | undefined;

/** The kept output's page keys of `route` (URL → key digest), or undefined (a full build, a new route). */
function previousKeys(folder: string, route: string): Record<string, string> | undefined {
  const file = join(folder, PREVIOUS_KEYS_FILE);
  const stamp = stampOf([file]) ?? 'none';
  if (previous?.stamp !== stamp) {
    let keys: RouteKeys | undefined;
    try {
      keys = JSON.parse(readFileSync(file, 'utf8')) as RouteKeys;
    } catch {
      // No kept output: a full build.
    }
    previous = { stamp, keys };
  }
  return previous.keys?.[route];
}

/** Records a route's page keys for this build. */
function recordKeys(folder: string, route: string, keys: Record<string, string>): void {
  mkdirSync(join(folder, ROUTE_KEYS_FOLDER), { recursive: true });
  writeFileSync(join(folder, ROUTE_KEYS_FOLDER, `${route}.json`), JSON.stringify(keys));
}

/**
 * For a route whose pages are made of the site digest's inputs alone (the models: diagram files,
 * embeds): true in an incremental build that has the route's pages from the last build, which then
 * stand as they are (their keys recorded again), so the route need not even list its paths.
 */
export function keptRoute(route: string): boolean {
  const folder = process.env[RENDER_PLAN_ENV];
  const kept = folder ? previousKeys(folder, route) : undefined;
  if (!folder || !kept) return false;
  recordKeys(folder, route, kept);
  return true;
}

/**
 * The paths of `route` to render: all of them outside a planned build (dev server, tests) and in a full
 * build; in an incremental one, those whose key differs from the kept output's. Records every path's
 * key under the route's name.
 */
export function changedPaths<P>(route: string, paths: readonly P[], describe: (path: P) => PlannedPage): P[] {
  const folder = process.env[RENDER_PLAN_ENV];
  if (!folder) return [...paths];
  const kept = previousKeys(folder, route) ?? {};
  const keys: Record<string, string> = {};
  const out: P[] = [];
  for (const path of paths) {
    const { url, key } = describe(path);
    const digest = keyDigest(key);
    keys[url] = digest;
    if (kept[url] !== digest) out.push(path);
  }
  recordKeys(folder, route, keys);
  return out;
}
