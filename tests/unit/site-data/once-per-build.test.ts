import { afterEach, describe, expect, it, vi } from 'vitest';
import { oncePerBuild } from '../../../src/site-data/once-per-build.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a value the pages of a build share', () => {
  it('is made once in a build and the same value is handed to every page that asks', () => {
    vi.stubEnv('DEV', false);
    let made = 0;
    const threads = oncePerBuild(() => ({ made: ++made }));
    const first = threads();
    expect(threads()).toBe(first);
    expect(threads()).toBe(first);
    expect(made).toBe(1);
  });

  it('is made afresh on every ask in the dev server, whose content can be synced again', () => {
    vi.stubEnv('DEV', true);
    let made = 0;
    const threads = oncePerBuild(() => ({ made: ++made }));
    expect(threads()).toEqual({ made: 1 });
    expect(threads()).toEqual({ made: 2 });
  });

  it('keeps a made value of undefined rather than making it again', () => {
    vi.stubEnv('DEV', false);
    const make = vi.fn(() => undefined);
    const nothing = oncePerBuild(make);
    nothing();
    nothing();
    expect(make).toHaveBeenCalledTimes(1);
  });
});
