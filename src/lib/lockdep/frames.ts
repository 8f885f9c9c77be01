// Stack frames in the forms kernels and symbolisers print them.
import type { StackFrame } from './types.ts';

// `[<ffffffff8106f7a1>] ? func.isra.0+0x61/0x80 [mod] fs/x.c:12 [inline]` and the pieces of it
// that modern kernels (no address), syzbot (file:line) and decode_stacktrace.sh (file:line) print.
const FRAME =
  /^\s*(?:<(?:IRQ|NMI|EOI|TASK)>\s+)?(?:\[<[0-9a-f]+>\]\s*)?(\?\s+)?([A-Za-z_.$][\w.$]*)(?:\+(0x[0-9a-f]+)\/(0x[0-9a-f]+))?(?:\s+\[([\w-]+)\])?(?:\s+([\w./+-]+\.[chsS]):(\d+)(?::\d+)?)?(\s+\[inline\])?\s*$/;

/** Parse one frame; undefined unless the text has an offset or a file:line (bare words are prose). */
export function parseFrame(text: string): StackFrame | undefined {
  const m = FRAME.exec(text);
  if (!m?.[2]) return undefined;
  const [, uncertain, fn, offset, size, module, file, line, inline] = m;
  if (offset === undefined && file === undefined) return undefined;
  const frame: StackFrame = { function: fn as string };
  if (offset !== undefined) frame.offset = offset;
  if (size !== undefined) frame.size = size;
  if (module !== undefined) frame.module = module;
  if (file !== undefined) frame.file = file;
  if (line !== undefined) frame.line = Number(line);
  if (inline !== undefined) frame.inline = true;
  if (uncertain !== undefined) frame.uncertain = true;
  return frame;
}

/** True for a line that is a stack frame. */
export function isFrame(text: string): boolean {
  return parseFrame(text) !== undefined;
}
