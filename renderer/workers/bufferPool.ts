/**
 * ArrayBuffers kept for reuse by a map reader. On these machines fresh memory costs a page fault
 * per 4 KiB on first write, about as long as inflating the file into it; buffers of maps that
 * were unloaded come back here instead of being freed.
 */
export class BufferPool {
  private free: ArrayBuffer[] = [];

  get size(): number {
    return this.free.length;
  }

  /**
   * The smallest kept buffer of at least `bytes` (and at most a quarter larger, so a small map
   * does not pin a big buffer), or a new one.
   */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const len = this.free[i].byteLength;
      if (len >= bytes && len <= bytes + bytes / 4 && (best < 0 || len < this.free[best].byteLength)) best = i;
    }
    if (best < 0) return new ArrayBuffer(bytes);
    const [b] = this.free.splice(best, 1);
    return b;
  }

  /** Keep `b` for a later take (a detached or empty buffer is ignored). */
  give(b: ArrayBuffer): void {
    if (b.byteLength > 0 && !this.free.includes(b)) this.free.push(b);
  }

  /** Free all but the `keep` largest buffers (the reader's scratch space between loads). */
  trim(keep: number): void {
    if (this.free.length <= keep) return;
    this.free.sort((a, b) => b.byteLength - a.byteLength);
    this.free.length = keep;
  }
}
