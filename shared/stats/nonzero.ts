// Voxels that are exactly zero in every map (outside the brain: about 3/4 of an MNI grid) have
// all-zero sums, so their outputs are known without the float arithmetic. Finding them costs
// one load, abs and add per PAIR of voxels per map, through float64 views of the float32 maps:
// a float64 is ±0 only when both float32 halves are ±0, and a sum of |x| is 0 only when every
// x is ±0 (NaN and denormal bit patterns make it non-zero, i.e. "compute this voxel").

/** Float64 views over the maps (two voxels per element), or null when a map is not 8-byte aligned. */
export function pairViews(maps: Float32Array[]): Float64Array[] | null {
  const out: Float64Array[] = [];
  for (const m of maps) {
    if (m.byteOffset % 8 !== 0) return null;
    out.push(new Float64Array(m.buffer, m.byteOffset, m.length >> 1));
  }
  return out;
}

/**
 * Writes to `out` the block-relative indices (ascending) of voxels start..start+len-1 that are
 * not ±0 in every map, and returns how many. `start` must be even; `acc` holds >= len/2 values.
 */
export function nonZeroInBlock(views: Float64Array[], start: number, len: number, acc: Float64Array, out: Int32Array): number {
  const p0 = start >> 1;
  const pairs = len >> 1;
  for (let j = 0; j < pairs; j++) acc[j] = 0;
  let s = 0;
  for (; s + 3 < views.length; s += 4) {
    const m1 = views[s];
    const m2 = views[s + 1];
    const m3 = views[s + 2];
    const m4 = views[s + 3];
    for (let j = 0, i = p0; j < pairs; j++, i++) {
      acc[j] += Math.abs(m1[i]) + Math.abs(m2[i]) + (Math.abs(m3[i]) + Math.abs(m4[i]));
    }
  }
  for (; s < views.length; s++) {
    const m = views[s];
    for (let j = 0, i = p0; j < pairs; j++, i++) acc[j] += Math.abs(m[i]);
  }
  let c = 0;
  for (let j = 0; j < pairs; j++) {
    if (acc[j] !== 0) {
      out[c++] = 2 * j;
      out[c++] = 2 * j + 1;
    }
  }
  if (len & 1) out[c++] = len - 1; // the odd last voxel has no pair: always computed
  return c;
}

/** Every index 0..len-1 (when the maps cannot be viewed in pairs). */
export function allInBlock(len: number, out: Int32Array): number {
  for (let v = 0; v < len; v++) out[v] = v;
  return len;
}


/**
 * Block-relative indices of voxels start..start+len-1 where `mask` is set. With a mask made by
 * anyNonZero (when the maps are loaded), the t-test skips the scan of every map that
 * nonZeroInBlock does, which for a 2 mm grid is most of the reading.
 */
export function maskedInBlock(mask: Uint8Array, start: number, len: number, out: Int32Array): number {
  let c = 0;
  for (let v = 0; v < len; v++) if (mask[start + v] !== 0) out[c++] = v;
  return c;
}

/** 1 where any map is not ±0 (NaN counts: the test must see it and answer NaN), as nonZeroInBlock keeps voxels. */
export function anyNonZero(maps: Float32Array[]): Uint8Array {
  const n = maps[0]?.length ?? 0;
  const mask = new Uint8Array(n);
  for (const m of maps) markNonZero(m, mask);
  return mask;
}

function markNonZero(m: Float32Array, mask: Uint8Array): void {
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) mask[i] = 1;
}
