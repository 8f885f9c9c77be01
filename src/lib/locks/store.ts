// The set of visited states: fixed-width records packed into chunked typed arrays, found through an
// open-addressing hash table. Unlike a Map it has no entry limit (V8's Maps stop near 2^24) and it
// knows its own size in bytes, so exploration can stop at a memory budget instead of crashing.
// Each state also records the state it was first reached from and the (packed) move that reached it.
//
// Speed (bench:explore's ring family): a state's slots are packed into 32-bit words before hashing
// (4 one-byte or 2 two-byte slots a word), so hashing and comparing touch a quarter of the elements,
// and the table holds each entry's hash beside its index, so a probe that misses never reads the
// record (one cache miss fewer per successor).

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/** A growable set of states with parent links. */
export class StateStore {
  /** Number of states stored. */
  count = 0;
  private readonly width: number;
  /** Slots per 32-bit word (4, 2 or 1) and the bits each takes. */
  private readonly per: number;
  private readonly bits: number;
  /** 32-bit words per packed state. */
  private readonly words: number;
  private readonly data: Int32Array[] = [];
  /** Per state: parent index, packed move. */
  private readonly meta: Int32Array[] = [];
  /** Pairs (index + 1, hash); index 0 marks an empty pair. */
  private table: Int32Array;
  private mask: number;
  /** The state being added or looked up, packed. */
  private readonly key: Int32Array;

  /** `width` slots per state, each holding values that fit `bytes` bytes. */
  constructor(width: number, bytes: 1 | 2 | 4) {
    this.width = Math.max(1, width);
    this.per = 4 / bytes;
    this.bits = 8 * bytes;
    this.words = Math.ceil(this.width / this.per);
    this.key = new Int32Array(this.words);
    this.table = new Int32Array(2 << 12);
    this.mask = (1 << 12) - 1;
  }

  /** Bytes held by the store (records, parent links and the table). */
  get bytesUsed(): number {
    let n = this.table.byteLength;
    for (const d of this.data) n += d.byteLength;
    for (const m of this.meta) n += m.byteLength;
    return n;
  }

  /** Packs `s` into `key` and returns its hash. */
  private pack(s: ArrayLike<number>): number {
    const key = this.key;
    const w = this.width;
    let h = 0x811c9dc5 | 0;
    let i = 0;
    let k = 0;
    // Whole words unrolled (the common one-byte layout), then the tail slot by slot.
    if (this.per === 4) {
      for (; i + 4 <= w; i += 4, k++) {
        // Masked like the typed arrays the store used to keep states in (a slot wraps, never spills).
        const v =
          ((s[i] as number) & 255) |
          (((s[i + 1] as number) & 255) << 8) |
          (((s[i + 2] as number) & 255) << 16) |
          ((s[i + 3] as number) << 24);
        key[k] = v;
        h = Math.imul(h ^ v, 16777619);
      }
    } else if (this.per === 2) {
      for (; i + 2 <= w; i += 2, k++) {
        const v = ((s[i] as number) & 65535) | ((s[i + 1] as number) << 16);
        key[k] = v;
        h = Math.imul(h ^ v, 16777619);
      }
    } else {
      for (; i < w; i++, k++) {
        const v = s[i] as number;
        key[k] = v;
        h = Math.imul(h ^ v, 16777619);
      }
    }
    if (k < this.words) {
      let v = 0;
      const lim = this.bits === 32 ? -1 : (1 << this.bits) - 1;
      for (let j = 0; i < w; j++, i++) v |= ((s[i] as number) & lim) << (j * this.bits);
      key[k] = v;
      h = Math.imul(h ^ v, 16777619);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h;
  }

  private equals(i: number): boolean {
    const d = this.data[i >>> CHUNK_BITS] as Int32Array;
    const key = this.key;
    const n = this.words;
    const o = (i & CHUNK_MASK) * n;
    for (let k = 0; k < n; k++) if (d[o + k] !== key[k]) return false;
    return true;
  }

  /** Index of state `s`, or -1 when it is not stored. */
  find(s: ArrayLike<number>): number {
    const h = this.pack(s);
    const t = this.table;
    let p = h & this.mask;
    for (;;) {
      const e = t[2 * p] as number;
      if (e === 0) return -1;
      if (t[2 * p + 1] === h && this.equals(e - 1)) return e - 1;
      p = (p + 1) & this.mask;
    }
  }

  /** Stores `s` if new (recording how it was reached) and returns its index; an old state returns -(index + 1). */
  add(s: ArrayLike<number>, parent: number, via: number): number {
    const h = this.pack(s);
    const t = this.table;
    let p = h & this.mask;
    for (;;) {
      const e = t[2 * p] as number;
      if (e === 0) break;
      if (t[2 * p + 1] === h && this.equals(e - 1)) return -e;
      p = (p + 1) & this.mask;
    }
    const i = this.count++;
    const c = i >>> CHUNK_BITS;
    if (c === this.data.length) {
      this.data.push(new Int32Array(CHUNK * this.words));
      this.meta.push(new Int32Array(CHUNK * 2));
    }
    const d = this.data[c] as Int32Array;
    // A plain loop: TypedArray#set costs more than copying a few words.
    const key = this.key;
    const o = (i & CHUNK_MASK) * this.words;
    for (let k = 0; k < key.length; k++) d[o + k] = key[k] as number;
    const m = this.meta[c] as Int32Array;
    const mo = (i & CHUNK_MASK) * 2;
    m[mo] = parent;
    m[mo + 1] = via;
    t[2 * p] = i + 1;
    t[2 * p + 1] = h;
    if (this.count * 2 > this.mask + 1) this.grow();
    return i;
  }

  /** The state a state was first reached from (-1 for the initial state). */
  parent(i: number): number {
    return (this.meta[i >>> CHUNK_BITS] as Int32Array)[(i & CHUNK_MASK) * 2] as number;
  }

  /** The packed move that first reached a state. */
  via(i: number): number {
    return (this.meta[i >>> CHUNK_BITS] as Int32Array)[(i & CHUNK_MASK) * 2 + 1] as number;
  }

  /** Copies state `i` into `out`. */
  load(i: number, out: Int32Array): void {
    const d = this.data[i >>> CHUNK_BITS] as Int32Array;
    const w = this.width;
    const per = this.per;
    const bits = this.bits;
    const lim = bits === 32 ? -1 : (1 << bits) - 1;
    let o = (i & CHUNK_MASK) * this.words;
    let k = 0;
    if (per === 4) {
      for (; k + 4 <= w; k += 4) {
        const v = d[o++] as number;
        out[k] = v & 255;
        out[k + 1] = (v >>> 8) & 255;
        out[k + 2] = (v >>> 16) & 255;
        out[k + 3] = v >>> 24;
      }
    }
    while (k < w) {
      const v = d[o++] as number;
      for (let j = 0; j < per && k < w; j++, k++) out[k] = bits === 32 ? v : (v >>> (j * bits)) & lim;
    }
  }

  private grow(): void {
    const old = this.table;
    // Four times the pairs while the table is small (each state is rehashed fewer times), then twice.
    const pairs = (old.length / 2) * (old.length < 1 << 23 ? 4 : 2);
    const table = new Int32Array(2 * pairs);
    const mask = pairs - 1;
    for (let q = 0; q < old.length; q += 2) {
      const e = old[q] as number;
      if (e === 0) continue;
      const h = old[q + 1] as number;
      let p = h & mask;
      while (table[2 * p] !== 0) p = (p + 1) & mask;
      table[2 * p] = e;
      table[2 * p + 1] = h;
    }
    this.table = table;
    this.mask = mask;
  }
}
