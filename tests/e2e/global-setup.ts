import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../src/cli/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root URL of the freshly built site, served on 127.0.0.1. */
    baseUrl: string;
  }
}

// Builds the real site once (bundled content only) into a temporary folder and serves it.
export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(join(tmpdir(), 'lockstep-e2e-'));
  const env = { ...process.env, LOCKSTEP_CONTENT: '' };
  execFileSync(resolve('node_modules/.bin/astro'), ['build', '--outDir', outDir], { stdio: 'inherit', env });
  const { server, url } = await serveStatic(outDir, 0);
  project.provide('baseUrl', url);
  return async () => {
    await new Promise((done) => server.close(done));
    rmSync(outDir, { recursive: true, force: true });
  };
}
