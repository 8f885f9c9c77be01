// Helpers that turn tests/fixtures/kernel/tree into a temporary git repository with a version tag.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** The fixture tree folder. */
export const FIXTURE_TREE = resolve(import.meta.dirname, '../../../fixtures/kernel/tree');

/** Every fixture file as `{ file, text }`, paths relative to the tree root. */
export function fixtureFiles(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push({ file: relative(FIXTURE_TREE, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(FIXTURE_TREE);
  return out;
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], {
    cwd,
    encoding: 'utf8',
  });

/**
 * A fresh repo holding the fixture tree, tagged `tag` (annotated), plus a later commit that moves
 * every line down by one so reading the wrong revision shows. Returns the work tree and a bare clone,
 * both under `root`, which the caller removes.
 */
export function makeFixtureRepo(tag = 'v2.6.30'): { root: string; workTree: string; bare: string } {
  const root = mkdtempSync(join(tmpdir(), 'lockstep-kernel-'));
  const workTree = join(root, 'linux');
  cpSync(FIXTURE_TREE, workTree, { recursive: true });
  git(workTree, 'init', '-q', '-b', 'master');
  git(workTree, 'add', '.');
  git(workTree, 'commit', '-q', '-m', 'fixture tree');
  git(workTree, 'tag', '-a', tag, '-m', tag);
  const timer = join(workTree, 'kernel/timer.c');
  cpSync(timer, `${timer}.orig`);
  execFileSync('sh', [
    '-c',
    `{ echo '/* moved */'; cat "${timer}.orig"; } > "${timer}" && rm "${timer}.orig"`,
  ]);
  git(workTree, 'commit', '-q', '-am', 'later change');
  const bare = join(root, 'linux.git');
  git(root, 'clone', '-q', '--bare', workTree, bare);
  return { root, workTree, bare };
}
