import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPromela } from '../../../bench/promela/emit.ts';
import { compileScenario } from '../../../src/lib/locks/compile.ts';
import { loadScenarioCatalog } from '../../../src/loaders/scenario-catalog.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'src/cli/simulate.ts');

describe('npm run simulate', () => {
  it('with --json prints one JSON array as the last line, in the documented shape', () => {
    const out = execFileSync(process.execPath, [cli, '--json', '--all'], { cwd: root, encoding: 'utf8' });
    const last = out.trimEnd().split('\n').at(-1) ?? '';
    const rows = JSON.parse(last) as Record<string, unknown>[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('baseline-2630')?.verdict).toBe('deadlock');
    expect(byId.get('fix-del-timer')?.verdict).toBe('no-deadlock');
    expect(byId.get('baseline-2630')).toMatchObject({
      thread_root: 'pipermail.012c758912452e46341f884c@lockstep.invalid',
      role: 'report',
      lockdep: [
        { kind: 'irq-inversion', classes: ['cm_id_priv->lock', 'mad_agent_priv->lock', 'timed_work.timer'] },
      ],
    });
    expect(byId.get('fix-event-queue')).toMatchObject({ role: 'fix', fate: 'rejected' });
    expect(byId.get('fix-canceling')?.lockdep).toEqual([]);
    expect(
      ((byId.get('nonfix-cancel-sync')?.lockdep ?? []) as { kind: string }[]).map((f) => f.kind).sort(),
    ).toEqual(['circular', 'irq-inversion', 'sleep-in-atomic']);
    for (const r of rows) {
      const keys = [
        'id',
        'lockdep',
        'lockdepCheck',
        'ms',
        'role',
        'states',
        'thread',
        'thread_root',
        'title',
        'trace',
        'transitions',
        'verdict',
        ...(r.expect ? ['expect'] : []),
        ...(r.role === 'fix' ? ['fate'] : []),
      ];
      expect(Object.keys(r).sort()).toEqual(keys.sort());
      expect(['report', 'fix']).toContain(r.role);
      if (r.role === 'fix') expect(['applied', 'superseded', 'rejected', 'proposed']).toContain(r.fate);
      expect(r.thread_root).not.toMatch(/[<>]/);
      for (const f of r.lockdep as Array<Record<string, unknown>>) {
        expect(Object.keys(f).sort()).toEqual(['classes', 'kind']);
        expect((f.classes as string[]).length).toBeGreaterThan(0);
      }
      for (const t of r.trace as Record<string, unknown>[]) {
        expect(
          Object.keys(t)
            .filter((k) => k !== 'blocked' && k !== 'cycle')
            .sort(),
        ).toEqual(['action', 'context', 'cpu', 'step']);
        // `cycle` (optional) marks the steps a livelock repeats; only livelock traces carry it.
        if ('cycle' in t) expect(r.verdict).toBe('livelock');
      }
    }
  });

  it('prints ASCII tables that fit 72 columns and Mermaid for one scenario', () => {
    const ascii = execFileSync(process.execPath, [cli, 'baseline-2630', '--format', 'ascii'], {
      cwd: root,
      encoding: 'utf8',
    });
    for (const line of ascii.split('\n')) expect(line.length).toBeLessThanOrEqual(72);
    expect(ascii).toContain('Chain exists of:');
    const mmd = execFileSync(process.execPath, [cli, 'baseline-2630', '--format', 'mermaid'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(mmd).toContain('sequenceDiagram');
    expect(mmd).toContain('flowchart TB');
  });

  it('reports incomplete under a tiny budget and exits 1 because it differs from the expectation', () => {
    const r = spawnSync(process.execPath, [cli, '--json', '--max-states', '5', 'fix-del-timer'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout.trimEnd().split('\n').at(-1) ?? '')[0].verdict).toBe('incomplete');
  });

  it('answers incomplete with the reason when the memory budget is spent', () => {
    const r = spawnSync(process.execPath, [cli, '--json', '--max-mb', '0.0001', 'fix-del-timer'], {
      cwd: root,
      encoding: 'utf8',
    });
    const row = JSON.parse(r.stdout.trimEnd().split('\n').at(-1) ?? '')[0];
    expect(row.verdict).toBe('incomplete');
    expect(row.limit).toMatch(/^memory budget of 0.0001 MB reached \(\d+ states stored\)$/);
  });

  it('exits 2 on a budget that is not a positive number', () => {
    const r = spawnSync(process.execPath, [cli, '--max-mb', 'lots', 'fix-del-timer'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--max-mb needs a positive number/);
  });

  it('exits 2 on an unknown scenario', () => {
    const r = spawnSync(process.execPath, [cli, 'no-such-scenario'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown scenario/);
  });
});

describe('bench/promela', () => {
  it('the committed Promela models are what the emitter writes for the seed scenarios', async () => {
    for (const f of await loadScenarioCatalog([path.join(root, 'content/threads')])) {
      if (f.thread !== 'ofa-general-2009-irq-lock-inversion') continue;
      const committed = readFileSync(path.join(root, 'bench/promela', `${f.scenario.id}.pml`), 'utf8');
      expect(committed).toBe(toPromela(compileScenario(f.scenario)));
    }
  });
});
