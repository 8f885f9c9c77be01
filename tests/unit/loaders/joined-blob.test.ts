import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it } from 'vitest';
import { installJoinedBlob, JoinedBlob } from '../../../src/loaders/joined-blob.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/mail');
const nativeBlob = globalThis.Blob;
afterEach(() => {
  globalThis.Blob = nativeBlob;
});

describe('JoinedBlob', () => {
  it('joins strings (as UTF-8), byte arrays, buffers and other blobs in order', async () => {
    const inner = new JoinedBlob(['ü']);
    const blob = new JoinedBlob(
      ['a\n', new Uint8Array([98, 99]), new Uint8Array([0, 100, 0]).subarray(1, 2), inner],
      {
        type: 'Text/Plain',
      },
    );
    expect(await blob.text()).toBe('a\nbcdü');
    expect(blob.size).toBe(7);
    expect(blob.type).toBe('text/plain');
  });

  it('gives a fresh copy of its bytes each time', async () => {
    const blob = new JoinedBlob(['xy']);
    const first = new Uint8Array(await blob.arrayBuffer());
    first[0] = 0;
    expect(new TextDecoder().decode(await blob.arrayBuffer())).toBe('xy');
  });

  it('lets postal-mime parse mail exactly as with Node’s Blob', async () => {
    for (const name of ['patch-attachment.eml', 'flowed-utf8.eml', 'html-only.eml']) {
      const raw = readFileSync(resolve(fixtures, name));
      const native = await PostalMime.parse(raw);
      installJoinedBlob();
      const joined = await PostalMime.parse(raw);
      globalThis.Blob = nativeBlob;
      expect(joined).toEqual(native);
      expect(joined.text ?? joined.html ?? '').not.toBe('');
    }
  });
});
