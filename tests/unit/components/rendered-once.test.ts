import { describe, expect, it } from 'vitest';
import { renderedOnce } from '../../../src/components/thread/rendered-once.ts';

describe('messages rendered once per thread page', () => {
  it('reuses the markup within a page and renders again for the next page', async () => {
    let renders = 0;
    const render = async () => `<p>${++renders}</p>`;
    expect(await renderedOnce('t|1', 'a', render, true)).toBe('<p>1</p>');
    expect(await renderedOnce('t|1', 'a', render, true)).toBe('<p>1</p>');
    expect(await renderedOnce('t|1', 'b', render, true)).toBe('<p>2</p>');
    expect(await renderedOnce('t|2', 'a', render, true)).toBe('<p>3</p>');
    // The earlier page was dropped when the next one began.
    expect(await renderedOnce('t|1', 'a', render, true)).toBe('<p>4</p>');
  });

  it('renders every time when off (the dev server)', async () => {
    let renders = 0;
    const render = async () => String(++renders);
    await renderedOnce('u|1', 'a', render, false);
    expect(await renderedOnce('u|1', 'a', render, false)).toBe('2');
  });
});
