// The seeded generator of the permutation engine: xoshiro128** 1.1 (Blackman & Vigna), its 128-bit
// state seeded from SplitMix64(seed) as its authors recommend. Pure 32-bit integer arithmetic
// (Math.imul, >>>), so Node and every browser give the same numbers; BigInt only at seeding.
//   z1, z2 = the first two SplitMix64 outputs for the 64-bit seed
//   state  = [lo32(z1), hi32(z1), lo32(z2), hi32(z2)]   (an all-zero state cannot happen in practice)
//   next() = rotl(s1 * 5, 7) * 9 (mod 2^32), then the xoshiro128 state update.

const MASK64 = (1n << 64n) - 1n;

function splitmix64(state: { x: bigint }): bigint {
  state.x = (state.x + 0x9e3779b97f4a7c15n) & MASK64;
  let z = state.x;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number >= 0 (got ${seed})`);
    const st = { x: BigInt(seed) & MASK64 };
    const z1 = splitmix64(st);
    const z2 = splitmix64(st);
    this.s0 = Number(z1 & 0xffffffffn) | 0;
    this.s1 = Number(z1 >> 32n) | 0;
    this.s2 = Number(z2 & 0xffffffffn) | 0;
    this.s3 = Number(z2 >> 32n) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit output, as an unsigned integer 0 .. 2^32 - 1. */
  nextU32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A whole number 0 .. n - 1 (n <= 2^32): floor(u32 * n / 2^32), exact in doubles. */
  below(n: number): number {
    return Math.floor((this.nextU32() * n) / 4294967296);
  }
}
