// Incremental builds (used by lockstep.ts). Astro is told to keep its output folder; this module decides
// whether the kept output can be built upon: the same output folder, built to the end by the same code,
// settings and shared content (the site digest below). Then the dynamic routes render only the pages
// whose key changed (site-data/render-plan.ts), the pages that are gone are deleted, and the steps after
// the pages learn which pages are new. Otherwise the folder is emptied, as Astro would, and all is built.
// The state is saved only once a build has finished, so a failed build leaves a full build next.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { HIGHLIGHT_WORKER_ENV } from '../lib/site/highlight-worker-env.ts';
import {
  EXPLORED_ENV,
  PREVIOUS_KEYS_FILE,
  RENDER_PLAN_ENV,
  ROUTE_KEYS_FOLDER,
  type RouteKeys,
} from '../lib/site/render-plan-files.ts';

/** Environment variables the build sets for its own pages: no setting of the reader's, not in the digest. */
const SET_BY_THE_BUILD = new Set([RENDER_PLAN_ENV, EXPLORED_ENV, HIGHLIGHT_WORKER_ENV]);

/** What the next build needs of the last one, kept in the cache folder. */
interface RenderState {
  /** The site digest the output was built with. */
  site: string;
  /** The output folder. */
  out: string;
  /** Each planned route's pages: URL and key digest. */
  keys: RouteKeys;
  /** What the steps after the pages keep for the next build (the search index's delta, placed mail). */
  steps: Record<string, unknown>;
}

/** Which pages this build changed, for the steps after the pages. */
export interface PageChanges {
  /** False in a full build: every page is new, and the steps redo everything. */
  incremental: boolean;
  /** URLs of the planned pages this build rendered. */
  rendered: ReadonlySet<string>;
  /** URLs of the planned pages the kept output had and this build has not (their files are deleted). */
  removed: readonly string[];
  /** The files Astro wrote in this build, every route's (absolute paths). */
  written: readonly string[];
  /** What each step kept for this build from the last one (by step name). */
  kept: Readonly<Record<string, unknown>>;
  /** What each step keeps for the next build (by step name); steps write into it. */
  next: Record<string, unknown>;
}

/** The changes of a full build: everything is new, nothing kept (`written`: the files Astro wrote). */
export function fullBuildChanges(written: readonly string[] = []): PageChanges {
  return { incremental: false, rendered: new Set(), removed: [], written, kept: {}, next: {} };
}

/** The digest of everything but the threads' mail that a page can be made from. */
export function siteDigest(projectRoot: string, contentRoots: readonly string[], out: string): string {
  const hash = createHash('sha1');
  const add = (path: string) => {
    if (!existsSync(path)) return;
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true }).sort((a, b) =>
      join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
    )) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      hash.update(`${relative(projectRoot, file)}\0`).update(readFileSync(file));
    }
  };
  // The code, its dependencies, and the bundled content (notes, models, kernel facts, seed mail).
  for (const name of ['src', 'public', 'content']) add(join(projectRoot, name));
  for (const name of ['astro.config.mjs', 'package-lock.json'])
    hash.update(`${name}\0`).update(readFileSync(join(projectRoot, name)));
  // Models kept beside the mail in the other content roots (a thread.yaml is part of its thread's digest).
  for (const root of contentRoots.slice(1))
    for (const slug of existsSync(root) ? readdirSync(root).sort() : []) add(join(root, slug, 'scenarios'));
  // Settings that change pages: kernel trees and caches, lore, shards, parse options (not the ones the
  // build sets for itself).
  for (const [name, value] of Object.entries(process.env).sort(([a], [b]) => a.localeCompare(b)))
    if (/^(LOCKSTEP|KERNEL)_/.test(name) && !SET_BY_THE_BUILD.has(name)) hash.update(`${name}=${value}\0`);
  hash.update(`out=${resolve(out)}`);
  return hash.digest('base64url');
}

/** The state file and this build's plan folder in the cache folder. */
function places(cacheDir: string) {
  const root = join(cacheDir, 'lockstep-render');
  return { root, state: join(root, 'state.json'), plan: join(root, 'plan') };
}

function readState(file: string): RenderState | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RenderState;
  } catch {
    return null;
  }
}

/** Empties `out` as Astro does (a `.git` folder stays), for a full build. */
function emptyOutput(out: string): void {
  for (const name of existsSync(out) ? readdirSync(out) : [])
    if (name !== '.git') rmSync(join(out, name), { recursive: true, force: true });
}

/** A started build's plan: whether it builds on the kept output, and what it began from. */
export interface StartedPlan {
  incremental: boolean;
  site: string;
  kept: RenderState | null;
}

/**
 * Decides at the start of a build (before any page is written) whether it is incremental, sets up the
 * plan folder the routes read (RENDER_PLAN_ENV) and the folder of the model checker's kept answers
 * (EXPLORED_ENV), forgets the saved state until the build finishes, and empties the output for a full
 * build.
 */
export function startPlan(cacheDir: string, out: string, site: string, allowed: boolean): StartedPlan {
  const { root, state, plan } = places(cacheDir);
  const kept = readState(state);
  const incremental =
    allowed && kept !== null && kept.site === site && kept.out === resolve(out) && existsSync(out);
  rmSync(plan, { recursive: true, force: true });
  rmSync(state, { force: true });
  mkdirSync(plan, { recursive: true });
  writeFileSync(join(plan, PREVIOUS_KEYS_FILE), JSON.stringify(incremental ? kept?.keys : {}));
  process.env[RENDER_PLAN_ENV] = plan;
  // The model checker's answers are kept for builds with this site digest; any other's go.
  const explored = join(root, 'explored');
  for (const name of existsSync(explored) ? readdirSync(explored) : [])
    if (name !== site) rmSync(join(explored, name), { recursive: true, force: true });
  process.env[EXPLORED_ENV] = join(explored, site);
  if (!incremental) emptyOutput(out);
  mkdirSync(root, { recursive: true });
  return { incremental, site, kept: incremental ? kept : null };
}

/** The file (relative to the output, with `/`) a page URL is written to: a folder URL's index.html, or the file itself. */
export function pageFile(url: string): string {
  return url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1);
}

/** The files a page URL is written to (pageFile) and their gzip copies. */
function pageFiles(out: string, url: string): string[] {
  const file = join(out, pageFile(url));
  return [file, `${file}.gz`];
}

/**
 * After the pages are written: gathers the routes' keys, deletes the pages the kept output had and this
 * build has not, and says which pages are new (`written`: the files Astro wrote).
 */
export function collectChanges(
  cacheDir: string,
  out: string,
  started: StartedPlan,
  written: readonly string[],
): PageChanges {
  const { plan } = places(cacheDir);
  const folder = join(plan, ROUTE_KEYS_FOLDER);
  const routes: RouteKeys = {};
  for (const name of existsSync(folder) ? readdirSync(folder).sort() : [])
    routes[name.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(folder, name), 'utf8'));
  const flat = (keys: RouteKeys) => Object.assign({}, ...Object.values(keys)) as Record<string, string>;
  const keys = flat(routes);
  const before = flat(started.kept?.keys ?? {});
  const rendered = new Set(Object.keys(keys).filter((url) => before[url] !== keys[url]));
  const removed = Object.keys(before).filter((url) => !(url in keys));
  for (const url of removed) {
    for (const file of pageFiles(out, url)) rmSync(file, { force: true });
    // A page's folder goes with it when nothing else is left in it.
    const folder = dirname(pageFiles(out, url)[0] as string);
    if (url.endsWith('/') && existsSync(folder) && readdirSync(folder).length === 0)
      rmSync(folder, { recursive: true });
  }
  writeFileSync(join(plan, 'keys.json'), JSON.stringify(routes));
  return {
    incremental: started.incremental,
    rendered,
    removed,
    written,
    kept: started.kept?.steps ?? {},
    next: {},
  };
}

/** Saves the state for the next build once every step has finished. */
export function savePlan(cacheDir: string, out: string, started: StartedPlan, changes: PageChanges): void {
  const { state, plan } = places(cacheDir);
  const keys = JSON.parse(readFileSync(join(plan, 'keys.json'), 'utf8')) as RouteKeys;
  const saved: RenderState = { site: started.site, out: resolve(out), keys, steps: changes.next };
  writeFileSync(state, JSON.stringify(saved));
}
