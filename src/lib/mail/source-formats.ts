// The names of the mail archive formats, in one list: the importers' table (src/importers/source-formats.ts)
// has one row per name, MessageSource.kind and thread.yaml's `format` (src/schemas/thread-meta.ts) take
// their values from it. Pure, so the schema and lib/mail can read it without the importers' I/O.

/** Every archive format the importers read, in the order detection tries them. */
export const SOURCE_FORMATS = [
  'public-inbox',
  'maildir',
  'eml-dir',
  'pipermail-month',
  'mbox',
  'pipermail-html',
  'eml',
  'pipermail-text',
] as const;

/** An archive format (`mbox`, `public-inbox`, `pipermail-text`, …). */
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** The format a message records as its source: each message of a folder of `.eml` files is an `eml`. */
export type MessageSourceKind = Exclude<SourceFormat, 'eml-dir'>;

/**
 * Old names still accepted in thread.yaml: folders imported before the formats had one vocabulary
 * name their pipermail monthly messages `pipermail-mbox`.
 */
export const FORMAT_ALIASES = { 'pipermail-mbox': 'pipermail-month' } as const satisfies Record<
  string,
  SourceFormat
>;

/** Every value thread.yaml's `format` may take: a format or an old name of one. */
export const FORMAT_NAMES = [
  ...SOURCE_FORMATS,
  ...(Object.keys(FORMAT_ALIASES) as (keyof typeof FORMAT_ALIASES)[]),
] as const;

/** The format a thread.yaml `format` value names (a format or an old name of one), or undefined. */
export function sourceFormatNamed(name: string): SourceFormat | undefined {
  const format: string = FORMAT_ALIASES[name as keyof typeof FORMAT_ALIASES] ?? name;
  return (SOURCE_FORMATS as readonly string[]).includes(format) ? (format as SourceFormat) : undefined;
}
