import { describe, expect, it } from 'vitest';
import { SOURCE_FORMAT_TABLE } from '../../../src/importers/source-formats.ts';
import { SOURCE_FORMATS, sourceFormatNamed } from '../../../src/lib/mail/source-formats.ts';
import { sourceSchema } from '../../../src/schemas/thread-meta.ts';

describe('the source-format vocabulary', () => {
  it('has one importer row per format name', () => {
    expect(Object.keys(SOURCE_FORMAT_TABLE).sort()).toEqual([...SOURCE_FORMATS].sort());
  });

  it('reads the old thread.yaml name of pipermail monthly messages as pipermail-month', () => {
    expect(sourceFormatNamed('pipermail-mbox')).toBe('pipermail-month');
    expect(sourceFormatNamed('mbox')).toBe('mbox');
    expect(sourceFormatNamed('zip')).toBeUndefined();
  });

  it('lets thread.yaml name only known formats', () => {
    for (const format of ['pipermail-text', 'pipermail-mbox', 'pipermail-month', 'mbox'])
      expect(sourceSchema.safeParse({ file: 'x', format }).success, format).toBe(true);
    expect(sourceSchema.safeParse({ file: 'x', format: 'zip' }).success).toBe(false);
  });
});
