// `npm run splats`: runs the CLI as a child process on a crafted mail.
import { execFileSync, spawnSync } from 'node:child_process';
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

  it('exits with a usage message when no source is given', () => {
    const run = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage:');
  });
});
