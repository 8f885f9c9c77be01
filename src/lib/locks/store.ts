// The set of visited states: fixed-width records packed into chunked typed arrays, found through an
// open-addressing hash table of indexes. Unlike a Map it has no entry limit (V8's Maps stop near 2^24)
// and it knows its own size in bytes, so exploration can stop at a memory budget instead of crashing.
// Each state also records the state it was first reached from and the (packed) move that reached it.

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

type Arr = Uint8Array | Uint16Array | Int32Array;

/** A growable set of states with parent links. */
export class StateStore {
  /** Number of states stored. */
  count = 0;
  private readonly width: number;
  private readonly bytes: 1 | 2 | 4;
  private readonly data: Arr[] = [];
  private readonly meta: Int32Array[] = [];
  private table: Int32Array;
  private mask: number;

  /** `width` slots per state, each stored in `bytes` bytes. */
  constructor(width: number, bytes: 1 | 2 | 4) {
    this.width = Math.max(1, width);
    this.bytes = bytes;
    this.table = new Int32Array(1 << 12);
    this.mask = this.table.length - 1;
  }

  /** Bytes held by the store (records, hashes, parent links and the table). */
  get bytesUsed(): number {
    let n = this.table.byteLength;
    for (const d of this.data) n += d.byteLength;
    for (const m of this.meta) n += m.byteLength;
    return n;
  }

  private static hash(s: ArrayLike<number>, width: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < width; i++) h = Math.imul(h ^ (s[i] as number), 16777619);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h;
  }

  private equals(i: number, s: ArrayLike<number>): boolean {
    const d = this.data[i >>> CHUNK_BITS] as Arr;
    const w = this.width;
    const o = (i & CHUNK_MASK) * w;
    for (let k = 0; k < w; k++) if (d[o + k] !== s[k]) return false;
    return true;
  }

  /** Index of state `s`, or -1 when it is not stored. */
  find(s: ArrayLike<number>): number {
    const h = StateStore.hash(s, this.width);
    let p = h & this.mask;
    for (;;) {
      const e = this.table[p] as number;
      if (e === 0) return -1;
      const i = e - 1;
      if (this.hashOf(i) === h && this.equals(i, s)) return i;
      p = (p + 1) & this.mask;
    }
  }

  /** Stores `s` if new (recording how it was reached) and returns its index; an old state returns -(index + 1). */
  add(s: ArrayLike<number>, parent: number, via: number): number {
    const h = StateStore.hash(s, this.width);
    let p = h & this.mask;
    for (;;) {
      const e = this.table[p] as number;
      if (e === 0) break;
      const i = e - 1;
      if (this.hashOf(i) === h && this.equals(i, s)) return -(i + 1);
      p = (p + 1) & this.mask;
    }
    const i = this.count++;
    const c = i >>> CHUNK_BITS;
    if (c === this.data.length) {
      const n = CHUNK * this.width;
      this.data.push(
        this.bytes === 1 ? new Uint8Array(n) : this.bytes === 2 ? new Uint16Array(n) : new Int32Array(n),
      );
      this.meta.push(new Int32Array(CHUNK * 3));
    }
    const d = this.data[c] as Arr;
    const o = (i & CHUNK_MASK) * this.width;
    for (let k = 0; k < this.width; k++) d[o + k] = s[k] as number;
    const m = this.meta[c] as Int32Array;
    const mo = (i & CHUNK_MASK) * 3;
    m[mo] = h;
    m[mo + 1] = parent;
    m[mo + 2] = via;
    this.table[p] = i + 1;
    if (this.count * 2 > this.table.length) this.grow();
    return i;
  }

  private hashOf(i: number): number {
    return (this.meta[i >>> CHUNK_BITS] as Int32Array)[(i & CHUNK_MASK) * 3] as number;
  }

  /** The state a state was first reached from (-1 for the initial state). */
  parent(i: number): number {
    return (this.meta[i >>> CHUNK_BITS] as Int32Array)[(i & CHUNK_MASK) * 3 + 1] as number;
  }

  /** The packed move that first reached a state. */
  via(i: number): number {
    return (this.meta[i >>> CHUNK_BITS] as Int32Array)[(i & CHUNK_MASK) * 3 + 2] as number;
  }

  /** Copies state `i` into `out`. */
  load(i: number, out: Int32Array): void {
    const d = this.data[i >>> CHUNK_BITS] as Arr;
    const o = (i & CHUNK_MASK) * this.width;
    for (let k = 0; k < this.width; k++) out[k] = d[o + k] as number;
  }

  private grow(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      let p = this.hashOf(i) & mask;
      while (table[p] !== 0) p = (p + 1) & mask;
      table[p] = i + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
