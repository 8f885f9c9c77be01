// Holds raw message bytes between reading and writing. The first `memoryBudget` bytes stay in
// memory (fast, and enough for archives of a few hundred MB); beyond that, messages are appended
// to one temporary file in large sequential writes and read back by offset. So an import's memory
// is bounded by the budget plus header facts, however large the archive is.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writevSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where one message's bytes are: in memory, or at an offset of the spill file. */
export type SpillRef = { bytes: Uint8Array } | { offset: number; length: number };

const FLUSH_BYTES = 8 << 20;

/** Default bytes kept in memory before spilling to disk. */
export const DEFAULT_MEMORY_BUDGET = 256 << 20;

/** A byte store that spills to a temporary file past its memory budget; call `close()` to delete it. */
export class SpillStore {
  private readonly budget: number;
  private inMemory = 0;
  private file: { dir: string; fd: number } | null = null;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private written = 0;

  constructor(memoryBudget: number = DEFAULT_MEMORY_BUDGET) {
    this.budget = memoryBudget;
  }

  /** Bytes written to the spill file so far (0 when everything fit in memory). */
  get spilledBytes(): number {
    return this.written + this.pendingBytes;
  }

  /** Stores bytes; returns where to find them. */
  put(bytes: Uint8Array): SpillRef {
    if (this.inMemory + bytes.length <= this.budget) {
      this.inMemory += bytes.length;
      return { bytes };
    }
    const ref = { offset: this.written + this.pendingBytes, length: bytes.length };
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES || this.pending.length >= 512) this.flush();
    return ref;
  }

  /** The stored bytes (from disk: a fresh copy). */
  get(ref: SpillRef): Uint8Array {
    if ('bytes' in ref) return ref.bytes;
    this.flush();
    const fd = this.open().fd;
    const out = new Uint8Array(ref.length);
    let done = 0;
    while (done < ref.length) {
      const n = readSync(fd, out, done, ref.length - done, ref.offset + done);
      if (n === 0) throw new Error(`spill file ended early at ${ref.offset + done}`);
      done += n;
    }
    return out;
  }

  /** Deletes the temporary file, if one was made. */
  close(): void {
    if (!this.file) return;
    closeSync(this.file.fd);
    rmSync(this.file.dir, { recursive: true, force: true });
    this.file = null;
  }

  private open(): { dir: string; fd: number } {
    if (!this.file) {
      const dir = mkdtempSync(join(tmpdir(), 'lockstep-spill-'));
      this.file = { dir, fd: openSync(join(dir, 'messages.bin'), 'w+') };
    }
    return this.file;
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const written = writevSync(this.open().fd, this.pending, this.written);
    if (written !== this.pendingBytes)
      throw new Error(`spill file: short write (${written} of ${this.pendingBytes})`);
    this.written += written;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
