import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../renderer/workers/bufferPool';

describe('BufferPool', () => {
  it('gives back the smallest kept buffer that fits, else a new one', () => {
    const pool = new BufferPool();
    const big = new ArrayBuffer(1000);
    const mid = new ArrayBuffer(500);
    pool.give(big);
    pool.give(mid);
    expect(pool.take(450)).toBe(mid);
    expect(pool.size).toBe(1);
    const fresh = pool.take(900);
    expect(fresh).toBe(big);
    const other = pool.take(900);
    expect(other).not.toBe(big);
    expect(other.byteLength).toBe(900);
  });

  it('does not pin a much larger buffer to a small request', () => {
    const pool = new BufferPool();
    const huge = new ArrayBuffer(4000);
    pool.give(huge);
    expect(pool.take(1000)).not.toBe(huge);
    expect(pool.size).toBe(1);
    expect(pool.take(3300)).toBe(huge);
  });

  it('ignores detached, empty and repeated buffers; trim keeps the largest', () => {
    const pool = new BufferPool();
    const a = new ArrayBuffer(10);
    const detached = new ArrayBuffer(10);
    structuredClone(detached, { transfer: [detached] });
    pool.give(detached);
    pool.give(new ArrayBuffer(0));
    pool.give(a);
    pool.give(a);
    expect(pool.size).toBe(1);
    pool.give(new ArrayBuffer(30));
    pool.give(new ArrayBuffer(20));
    pool.trim(2);
    expect(pool.size).toBe(2);
    expect(pool.take(25).byteLength).toBe(30);
    expect(pool.take(18).byteLength).toBe(20);
    pool.trim(0);
    expect(pool.size).toBe(0);
  });
});
