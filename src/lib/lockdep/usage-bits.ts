// Lockdep's usage bits (`{+.-.}`: hardirq write, hardirq read, softirq write, softirq read), read in one
// place: in words for the report cards, as irq-safe/unsafe marks for the graphs and the report models.
// lockdep-design.rst, "State": '.' neither, '-' taken in irq context, '+' taken with irqs enabled, '?' both.

const STATE_NAMES = ['hardirq', 'softirq'] as const;

/** What one usage character means, in words (lockdep-design.rst, "State" section). */
function usageChar(ch: string, irq: string, read: boolean): string {
  const mode = read ? 'read-acquired' : 'acquired';
  switch (ch) {
    case '.':
      return `${irq}: ${mode} only with ${irq}s disabled and outside ${irq} context (or never ${mode})`;
    case '-':
      return `${irq}: ${mode} inside a ${irq} (${irq}-safe)`;
    case '+':
      return `${irq}: ${mode} with ${irq}s enabled (${irq}-unsafe)`;
    case '?':
      return `${irq}: ${mode} inside a ${irq} and with ${irq}s enabled (inconsistent)`;
    default:
      return `${irq}: unknown mark '${ch}'`;
  }
}

/**
 * Explain usage bits such as `{+.-.}` in words, one entry per character.
 * Modern kernels print four characters: hardirq write, hardirq read, softirq write, softirq read.
 */
export function explainUsage(usage: string): string[] {
  const bits = usage.replace(/[{}]/g, '');
  if (bits.length !== 4) return [...bits].map((ch, i) => `position ${i + 1}: '${ch}'`);
  return [...bits].map((ch, i) => usageChar(ch, STATE_NAMES[i < 2 ? 0 : 1], i % 2 === 1));
}

/** What four usage bits say of each irq state; all false unless four bits are printed. */
export interface UsageMarks {
  /** Taken inside a hard interrupt (`-` or `?` in a hardirq position). */
  hardirqSafe: boolean;
  /** Taken with hard interrupts enabled (`+` or `?`). */
  hardirqUnsafe: boolean;
  softirqSafe: boolean;
  softirqUnsafe: boolean;
}

/** Reads usage bits such as `{+.-.}` into irq-safe and irq-unsafe marks. */
export function usageMarks(usage: string | undefined): UsageMarks {
  const bits = (usage ?? '').replace(/[{}]/g, '');
  if (bits.length !== 4)
    return { hardirqSafe: false, hardirqUnsafe: false, softirqSafe: false, softirqUnsafe: false };
  const inIrq = (c: string | undefined) => c === '-' || c === '?';
  const irqsOn = (c: string | undefined) => c === '+' || c === '?';
  return {
    hardirqSafe: inIrq(bits[0]) || inIrq(bits[1]),
    hardirqUnsafe: irqsOn(bits[0]) || irqsOn(bits[1]),
    softirqSafe: inIrq(bits[2]) || inIrq(bits[3]),
    softirqUnsafe: irqsOn(bits[2]) || irqsOn(bits[3]),
  };
}

/** True when usage bits show the class was taken inside a hard or soft interrupt (`-` or `?`). */
export function isIrqSafe(usage: string | undefined): { hardirq: boolean; softirq: boolean } {
  const m = usageMarks(usage);
  return { hardirq: m.hardirqSafe, softirq: m.softirqSafe };
}
