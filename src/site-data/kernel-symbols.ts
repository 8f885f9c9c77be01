// The kernel symbol service as components see it: excerpts and links come from the data layer, which
// asks the kernel-source providers (src/kernel-providers/default-symbols.ts: one shared instance per build).

export { kernelSymbols } from '../kernel-providers/default-symbols.ts';
export type { SymbolView } from '../kernel-providers/kernel-symbols.ts';
