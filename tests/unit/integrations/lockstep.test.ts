import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroPrerenderer } from 'astro';
import { describe, expect, it } from 'vitest';
import type { BuildStep, PageWatcher } from '../../../src/integrations/build-step.ts';
import { BUILD_STEPS, lockstep } from '../../../src/integrations/lockstep.ts';

/** Astro's integration logger, reduced to what the runner uses, recording every line under its label. */
function recordingLogger(lines: string[], label = 'lockstep') {
  const logger = {
    info: (m: string) => lines.push(`[${label}] ${m}`),
    warn: (m: string) => lines.push(`[${label}] warn ${m}`),
    fork: (name: string) => recordingLogger(lines, name),
  };
  return logger;
}

/** Astro's astro:build:done, with `assets` (each route's output files) as Astro lists them. */
async function runDone(steps: BuildStep[], lines: string[], assets = new Map<string, URL[]>()) {
  const hook = lockstep(steps).hooks['astro:build:done'] as unknown as (o: unknown) => Promise<void>;
  await hook({ dir: new URL('file:///tmp/out/'), logger: recordingLogger(lines), assets });
}

describe('the lockstep integration', () => {
  it('runs the build steps, each logged under its name with its time', async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const step = (name: string): BuildStep => ({
      name,
      run: async (out) => {
        ran.push(`${name}:${out}`);
        return `did ${name}`;
      },
    });
    await runDone([step('a'), step('b')], lines);
    expect(ran).toEqual(['a:/tmp/out/', 'b:/tmp/out/']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[a\] did a in \d+ ms$/);
    expect(lines[1]).toMatch(/^\[b\] did b in \d+ ms$/);
  });

  it('tells the steps which shard the build renders (LOCKSTEP_SHARD), or none', async () => {
    const seen: unknown[] = [];
    const step: BuildStep = {
      name: 'look',
      run: async (_out, _logger, { shard }) => {
        seen.push(shard);
        return '';
      },
    };
    const before = process.env.LOCKSTEP_SHARD;
    try {
      process.env.LOCKSTEP_SHARD = '2/3';
      await runDone([step], []);
      delete process.env.LOCKSTEP_SHARD;
      await runDone([step], []);
    } finally {
      if (before === undefined) delete process.env.LOCKSTEP_SHARD;
      else process.env.LOCKSTEP_SHARD = before;
    }
    expect(seen).toEqual([{ index: 2, count: 3 }, null]);
  });

  it("tells the steps the files Astro wrote, every route's, as paths", async () => {
    let written: readonly string[] = [];
    const step: BuildStep = {
      name: 'look',
      run: async (_out, _logger, { changes }) => {
        written = changes.written;
        return '';
      },
    };
    const assets = new Map([
      [
        '/threads/[slug]',
        [new URL('file:///tmp/out/threads/a/index.html'), new URL('file:///tmp/out/threads/b/index.html')],
      ],
      ['/atom.xml', [new URL('file:///tmp/out/atom.xml')]],
    ]);
    await runDone([step], [], assets);
    expect(written).toEqual([
      '/tmp/out/threads/a/index.html',
      '/tmp/out/threads/b/index.html',
      '/tmp/out/atom.xml',
    ]);
  });

  it('stops at the first failing step and names it; steps after it never start', async () => {
    const ran: string[] = [];
    const steps: BuildStep[] = [
      {
        name: 'first',
        run: async () => {
          throw new Error('disk full');
        },
      },
      {
        name: 'second',
        after: ['first'],
        run: async () => {
          ran.push('second');
          return '';
        },
      },
    ];
    await expect(runDone(steps, [])).rejects.toThrow('first: disk full');
    expect(ran).toEqual([]);
  });

  it('runs steps that wait for nothing side by side, and a step after the ones it names', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const steps: BuildStep[] = [
      {
        name: 'slow',
        run: async () => {
          events.push('slow starts');
          await gate;
          events.push('slow ends');
          return '';
        },
      },
      {
        name: 'quick',
        run: async () => {
          events.push('quick runs');
          // The slow step is still running: only now does it get to finish.
          release();
          return '';
        },
      },
      {
        name: 'last',
        after: ['slow', 'quick'],
        run: async () => {
          events.push('last runs');
          return '';
        },
      },
    ];
    await runDone(steps, []);
    expect(events).toEqual(['slow starts', 'quick runs', 'slow ends', 'last runs']);
  });

  it('refuses a step that waits for one not listed before it', async () => {
    const step: BuildStep = { name: 'lonely', after: ['missing'], run: async () => '' };
    await expect(runDone([step], [])).rejects.toThrow('lonely: waits for "missing"');
  });

  it('gzips the pages beside Pagefind and the mail files, and the search index after Pagefind', () => {
    expect(BUILD_STEPS.map((s) => [s.name, ...(s.after ?? [])])).toEqual([
      ['lockstep-mail-files'],
      ['lockstep-pagefind'],
      ['lockstep-shard'],
      ['lockstep-precompress', 'lockstep-shard'],
      ['lockstep-precompress-search', 'lockstep-pagefind'],
    ]);
  });
});

describe('page watchers', () => {
  type Hooks = Record<string, ((o: unknown) => unknown) | undefined>;
  type Wrapper = (base: AstroPrerenderer) => AstroPrerenderer;

  /**
   * Runs the integration of `steps` in a project folder (as the site digest reads one, render-plan.ts)
   * up to astro:build:start; resolves with its hooks, the prerenderer wrappers it gave Astro and the
   * output folder's URL.
   */
  async function startBuild(root: string, steps: BuildStep[]) {
    for (const name of ['astro.config.mjs', 'package-lock.json']) writeFileSync(join(root, name), '');
    const hooks = lockstep(steps).hooks as unknown as Hooks;
    const folder = (name: string) => pathToFileURL(join(root, name, '/'));
    await hooks['astro:config:done']?.({
      config: { cacheDir: folder('cache'), outDir: folder('dist'), root: folder('') },
    });
    const wrappers: Wrapper[] = [];
    await hooks['astro:build:start']?.({
      logger: recordingLogger([]),
      setPrerenderer: (w: Wrapper) => wrappers.push(w),
    });
    return { hooks, wrappers, dist: folder('dist') };
  }

  it('hands a step the watcher it asked for, which saw the pages Astro rendered, and what its start began; wraps no prerenderer without a watcher', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-watch-'));
    const seen: string[] = [];
    const contexts: unknown[] = [];
    let handed: unknown;
    let begun: unknown;
    const watcher: PageWatcher = { wants: (url) => url === '/threads/a/', page: (url) => seen.push(url) };
    const steps: BuildStep[] = [
      {
        name: 'watching',
        watch: (context) => {
          contexts.push(context);
          return watcher;
        },
        run: async (_out, _logger, context) => {
          handed = context.watcher;
          begun = context.started;
          return '';
        },
        start: (context) => ({ begunBeforeThePages: !context.incremental }),
      },
      { name: 'plain', run: async () => '' },
    ];
    const { hooks, wrappers, dist } = await startBuild(root, steps);
    expect(contexts).toEqual([
      {
        shard: null,
        incremental: false,
        outDir: fileURLToPath(dist),
        cacheDir: fileURLToPath(pathToFileURL(join(root, 'cache', '/'))),
      },
    ]);
    expect(wrappers).toHaveLength(1);
    const base: AstroPrerenderer = {
      name: 'astro:default',
      getStaticPaths: async () => [],
      render: async () => new Response('<p>page</p>'),
    };
    const prerenderer = (wrappers[0] as Wrapper)(base);
    await prerenderer.render(new Request('http://localhost/threads/a/'), { routeData: {} as never });
    expect(seen).toEqual(['/threads/a/']);
    await hooks['astro:build:done']?.({ dir: dist, logger: recordingLogger([]), assets: new Map() });
    expect(handed).toBe(watcher);
    // What the step's start began, at astro:build:start, comes back to its run.
    expect(begun).toEqual({ begunBeforeThePages: true });

    // Without a watching step, Astro keeps its own prerenderer.
    const plain = await startBuild(root, [{ name: 'plain', run: async () => '' }]);
    expect(plain.wrappers).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });
});
