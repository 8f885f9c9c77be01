// `npm run splats`: runs the CLI as a child process on a crafted mail.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(repoRoot, 'src/cli/splats.ts');
const eml = path.join(repoRoot, 'tests/fixtures/lockdep/crafted-base64-report.eml');

describe('splats CLI', () => {
  it('prints one JSON array as the last line with --json, from a base64 body', () => {
    const out = execFileSync(process.execPath, [cli, '--json', eml], { encoding: 'utf8' });
    const records = JSON.parse(out.trim().split('\n').at(-1) ?? '');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      messageId: 'crafted-hub-recursive@example.org',
      part: 'body',
      kind: 'recursive',
      locks: [{ name: 'hub_global_mutex', usage: '{+.+.}' }],
      chain: [],
      scenario: [
        { cpu: 0, action: 'lock', lock: 'hub_global_mutex' },
        { cpu: 0, action: 'lock', lock: 'hub_global_mutex' },
      ],
    });
    expect(records[0].frames.map((f: { function: string }) => f.function)).toContain('hub_detach');
  });

  it('prints a readable summary without --json', () => {
    const out = execFileSync(process.execPath, [cli, eml], { encoding: 'utf8' });
    expect(out).toContain('<crafted-hub-recursive@example.org> recursive kernel 6.3.0-rc1-syzkaller');
    expect(out.trim().split('\n').at(-1)).toBe('1 reports in 1 messages');
  });

  it('reads a log from standard input with -', () => {
    const log = readFileSync(
      path.join(repoRoot, 'tests/fixtures/lockdep/printk/recursive-two-ports.txt'),
      'utf8',
    )
      .split('\n')
      .map((line, i) => `Jan  2 10:00:${String(i % 60).padStart(2, '0')} rig kernel: ${line}`)
      .join('\r\n');
    const out = execFileSync(process.execPath, [cli, '--json', '-'], { encoding: 'utf8', input: log });
    const records = JSON.parse(out.trim().split('\n').at(-1) ?? '');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      messageId: '-',
      part: 'stdin',
      kind: 'recursive',
      locks: [{ name: '&port->state_lock' }],
      missing: [],
    });
  });

  it('reads a mail from standard input as mail (its base64 body decoded)', () => {
    const out = execFileSync(process.execPath, [cli, '-'], { encoding: 'utf8', input: readFileSync(eml) });
    expect(out).toContain('<crafted-hub-recursive@example.org> recursive');
  });

  it('says what a partial report lacks', () => {
    const cut = readFileSync(
      path.join(repoRoot, 'tests/fixtures/lockdep/printk/circular-four-links.txt'),
      'utf8',
    )
      .split('\n')
      .slice(0, 12)
      .join('\n');
    const out = execFileSync(process.execPath, [cli, '-'], { encoding: 'utf8', input: cut });
    expect(out).toContain('missing: dependency chain, scenario table, held locks, stack backtrace');
  });

  it('exits with a usage message when no source is given', () => {
    const run = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage:');
  });
});
