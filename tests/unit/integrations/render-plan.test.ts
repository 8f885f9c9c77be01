import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectChanges, savePlan, siteDigest, startPlan } from '../../../src/integrations/render-plan.ts';
import { HIGHLIGHT_WORKER_ENV } from '../../../src/lib/site/highlight-worker-env.ts';
import { EXPLORED_ENV, RENDER_PLAN_ENV } from '../../../src/lib/site/render-plan-files.ts';
import { changedPaths, keptRoute } from '../../../src/site-data/render-plan.ts';

let root: string;
let cache: string;
let out: string;
const savedEnv = process.env[RENDER_PLAN_ENV];
const savedExplored = process.env[EXPLORED_ENV];

/** A project of a few files: code, bundled content, config and lockfile. */
function project(dir: string) {
  for (const [path, text] of [
    ['src/pages/index.astro', '<p>home</p>'],
    ['content/threads/a/notes.mdx', 'notes'],
    ['astro.config.mjs', 'export default {}'],
    ['package-lock.json', '{}'],
  ] as const) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** One build's planned route: the paths changedPaths keeps, with `keys` as each page's key. */
async function route(name: string, keys: Record<string, string>): Promise<string[]> {
  return changedPaths(name, Object.keys(keys), (url: string) => ({ url, key: keys[url] }));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'render-plan-'));
  project(root);
  cache = join(root, 'cache');
  out = join(root, 'dist');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env[RENDER_PLAN_ENV];
  else process.env[RENDER_PLAN_ENV] = savedEnv;
  if (savedExplored === undefined) delete process.env[EXPLORED_ENV];
  else process.env[EXPLORED_ENV] = savedExplored;
});

describe("the model checker's kept answers", () => {
  it('are kept in a folder of the site digest; a build with another digest removes the others', () => {
    startPlan(cache, out, 'site-1', true);
    const first = process.env[EXPLORED_ENV] as string;
    expect(first).toBe(join(cache, 'lockstep-render', 'explored', 'site-1'));
    mkdirSync(first, { recursive: true });
    writeFileSync(join(first, 'answer.json'), '{}');
    startPlan(cache, out, 'site-1', true);
    expect(existsSync(join(first, 'answer.json'))).toBe(true);
    startPlan(cache, out, 'site-2', true);
    expect(process.env[EXPLORED_ENV]).toBe(join(cache, 'lockstep-render', 'explored', 'site-2'));
    expect(existsSync(first)).toBe(false);
  });

  it('do not count in the site digest', () => {
    const before = siteDigest(root, [], out);
    process.env[EXPLORED_ENV] = join(cache, 'somewhere');
    expect(siteDigest(root, [], out)).toBe(before);
  });
});

describe('the site digest', () => {
  it('changes with the code, the bundled content, the config and the LOCKSTEP_/KERNEL_ settings, and only with them', () => {
    const first = siteDigest(root, [join(root, 'content/threads')], out);
    expect(siteDigest(root, [join(root, 'content/threads')], out)).toBe(first);
    writeFileSync(join(root, 'README.md'), 'not part of any page');
    expect(siteDigest(root, [join(root, 'content/threads')], out)).toBe(first);
    writeFileSync(join(root, 'src/pages/index.astro'), '<p>home!</p>');
    const edited = siteDigest(root, [join(root, 'content/threads')], out);
    expect(edited).not.toBe(first);
    writeFileSync(join(root, 'content/threads/a/notes.mdx'), 'other notes');
    expect(siteDigest(root, [join(root, 'content/threads')], out)).not.toBe(edited);
    const before = siteDigest(root, [join(root, 'content/threads')], out);
    process.env.KERNEL_TREE_TEST_ONLY = '/somewhere';
    try {
      expect(siteDigest(root, [join(root, 'content/threads')], out)).not.toBe(before);
    } finally {
      delete process.env.KERNEL_TREE_TEST_ONLY;
    }
    expect(siteDigest(root, [join(root, 'content/threads')], join(root, 'elsewhere'))).not.toBe(before);
  });

  it('leaves out the highlight worker the build names for itself', () => {
    const before = siteDigest(root, [], out);
    process.env[HIGHLIGHT_WORKER_ENV] = '/somewhere/c-highlight-worker.ts';
    try {
      expect(siteDigest(root, [], out)).toBe(before);
    } finally {
      delete process.env[HIGHLIGHT_WORKER_ENV];
    }
  });

  it('covers models kept beside the mail in other content roots', () => {
    const extra = join(root, 'archive');
    mkdirSync(join(extra, 't', 'scenarios'), { recursive: true });
    writeFileSync(join(extra, 't', 'thread.mbox'), 'mail is not part of it');
    const roots = [join(root, 'content/threads'), extra];
    const first = siteDigest(root, roots, out);
    writeFileSync(join(extra, 't', 'thread.mbox'), 'other mail');
    expect(siteDigest(root, roots, out)).toBe(first);
    writeFileSync(join(extra, 't', 'scenarios', 'model.ts'), 'export default {}');
    expect(siteDigest(root, roots, out)).not.toBe(first);
  });
});

describe('a build plan', () => {
  it('renders everything the first time and after a change of site; only changed pages on the kept output', async () => {
    mkdirSync(join(out, '.git'), { recursive: true });
    writeFileSync(join(out, 'stale.html'), 'from an unknown build');
    let started = startPlan(cache, out, 'site-1', true);
    expect(started.incremental).toBe(false);
    // A full build empties the output as Astro would, a .git folder aside.
    expect(existsSync(join(out, 'stale.html'))).toBe(false);
    expect(existsSync(join(out, '.git'))).toBe(true);
    expect(process.env[RENDER_PLAN_ENV]).toBe(join(cache, 'lockstep-render', 'plan'));
    expect(
      await route('threads', { '/threads/a/': 'a1', '/threads/b/': 'b1', '/threads/c/': 'c1' }),
    ).toHaveLength(3);
    for (const slug of ['a', 'b', 'c']) {
      mkdirSync(join(out, 'threads', slug), { recursive: true });
      writeFileSync(join(out, 'threads', slug, 'index.html'), slug);
      writeFileSync(join(out, 'threads', slug, 'index.html.gz'), slug);
    }
    let changes = collectChanges(cache, out, started, []);
    expect(changes.incremental).toBe(false);
    changes.next.step = ['kept by a step'];
    savePlan(cache, out, started, changes);

    // Same site: b changed, c is gone, d is new.
    started = startPlan(cache, out, 'site-1', true);
    expect(started.incremental).toBe(true);
    expect(existsSync(join(out, 'threads', 'a', 'index.html'))).toBe(true);
    expect(await route('threads', { '/threads/a/': 'a1', '/threads/b/': 'b2', '/threads/d/': 'd1' })).toEqual(
      ['/threads/b/', '/threads/d/'],
    );
    changes = collectChanges(cache, out, started, []);
    expect([...changes.rendered].sort()).toEqual(['/threads/b/', '/threads/d/']);
    expect(changes.removed).toEqual(['/threads/c/']);
    expect(changes.kept).toEqual({ step: ['kept by a step'] });
    // The removed page's files and its emptied folder are gone; the others stay.
    expect(existsSync(join(out, 'threads', 'c'))).toBe(false);
    expect(existsSync(join(out, 'threads', 'a', 'index.html.gz'))).toBe(true);

    savePlan(cache, out, started, changes);
    // A build that fails (never saves) leaves no state: the next one is full.
    started = startPlan(cache, out, 'site-1', true);
    expect(started.incremental).toBe(true);
    expect(startPlan(cache, out, 'site-1', true).incremental).toBe(false);
  });

  it('builds in full when the site digest differs or a full build is asked for', async () => {
    const started = startPlan(cache, out, 'site-1', true);
    await route('threads', { '/threads/a/': 'a1' });
    savePlan(cache, out, started, collectChanges(cache, out, started, []));
    const state = join(cache, 'lockstep-render', 'state.json');
    const saved = readFileSync(state, 'utf8');
    expect(startPlan(cache, out, 'site-2', true).incremental).toBe(false);
    writeFileSync(state, saved);
    expect(startPlan(cache, out, 'site-1', false).incremental).toBe(false);
    writeFileSync(state, saved);
    expect(startPlan(cache, join(root, 'other-dist'), 'site-1', true).incremental).toBe(false);
  });

  it('keeps a route made of the models alone as it is in an incremental build, and never its pages', async () => {
    mkdirSync(out, { recursive: true });
    let started = startPlan(cache, out, 'site-1', true);
    expect(keptRoute('embeds')).toBe(false);
    await route('embeds', { '/embed/x/': 'x1', '/embed/y/': 'y1' });
    savePlan(cache, out, started, collectChanges(cache, out, started, []));
    started = startPlan(cache, out, 'site-1', true);
    expect(keptRoute('embeds')).toBe(true);
    // A route the last build did not plan is listed as usual.
    expect(keptRoute('other')).toBe(false);
    const changes = collectChanges(cache, out, started, []);
    expect(changes.removed).toEqual([]);
    expect([...changes.rendered]).toEqual([]);
  });

  it('renders every path outside a planned build', () => {
    delete process.env[RENDER_PLAN_ENV];
    expect(changedPaths('threads', ['x', 'y'], (p) => ({ url: p, key: p }))).toEqual(['x', 'y']);
  });
});
