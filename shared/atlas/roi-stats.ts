/** Mean, SD (n - 1) and voxel count of `data` inside `mask`; NaN voxels are left out. */
export function roiStats(data: ArrayLike<number>, mask: Uint8Array): { mean: number; sd: number; n: number } {
  const len = Math.min(data.length, mask.length);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < len; i++) {
    if (mask[i] === 0) continue;
    const v = data[i];
    if (v !== v) continue;
    sum += v;
    n++;
  }
  if (n === 0) return { mean: NaN, sd: NaN, n: 0 };
  const mean = sum / n;
  // Second pass around the mean: no cancellation for maps with a large offset (e.g. CBF).
  let ss = 0;
  for (let i = 0; i < len; i++) {
    if (mask[i] === 0) continue;
    const v = data[i];
    if (v !== v) continue;
    const d = v - mean;
    ss += d * d;
  }
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, n };
}

/** The ROI mean of each map (e.g. one per subject and condition), same order as `maps`. */
export function roiMeansPerMap(maps: ArrayLike<number>[], mask: Uint8Array): number[] {
  const idx: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) idx.push(i);
  const where = Int32Array.from(idx);
  return maps.map((m) => {
    let n = 0;
    let sum = 0;
    for (let w = 0; w < where.length; w++) {
      const v = m[where[w]];
      if (v === v) {
        sum += v;
        n++;
      }
    }
    return n > 0 ? sum / n : NaN;
  });
}

/**
 * Mean of `data` in labels 1..nLabels in one pass (result[k-1] is label k; NaN for empty labels).
 * Label values are rounded; NaN data voxels are left out.
 */
export function labelMeans(data: ArrayLike<number>, labels: ArrayLike<number>, nLabels: number): Float64Array {
  const sum = new Float64Array(nLabels + 1);
  const cnt = new Float64Array(nLabels + 1);
  const len = Math.min(data.length, labels.length);
  for (let i = 0; i < len; i++) {
    const l = labels[i];
    if (l === 0) continue;
    const k = (l + 0.5) | 0;
    const v = data[i];
    if (k >= 1 && k <= nLabels && v === v) {
      sum[k] += v;
      cnt[k]++;
    }
  }
  const out = new Float64Array(nLabels);
  for (let k = 1; k <= nLabels; k++) out[k - 1] = cnt[k] > 0 ? sum[k] / cnt[k] : NaN;
  return out;
}

/** Mean, SD (n - 1) and count per label value 0..maxLabel (index = label value), two passes over the data. */
export function labelStats(data: ArrayLike<number>, labels: ArrayLike<number>, maxLabel: number): { mean: Float64Array; sd: Float64Array; n: Float64Array } {
  const sum = new Float64Array(maxLabel + 1);
  const n = new Float64Array(maxLabel + 1);
  const len = Math.min(data.length, labels.length);
  for (let i = 0; i < len; i++) {
    const l = labels[i];
    if (l === 0) continue;
    const k = (l + 0.5) | 0;
    const v = data[i];
    if (k >= 1 && k <= maxLabel && v === v) {
      sum[k] += v;
      n[k]++;
    }
  }
  const mean = new Float64Array(maxLabel + 1);
  for (let k = 0; k <= maxLabel; k++) mean[k] = n[k] > 0 ? sum[k] / n[k] : NaN;
  const ss = new Float64Array(maxLabel + 1);
  for (let i = 0; i < len; i++) {
    const l = labels[i];
    if (l === 0) continue;
    const k = (l + 0.5) | 0;
    const v = data[i];
    if (k >= 1 && k <= maxLabel && v === v) {
      const d = v - mean[k];
      ss[k] += d * d;
    }
  }
  const sd = new Float64Array(maxLabel + 1);
  for (let k = 0; k <= maxLabel; k++) sd[k] = n[k] > 1 ? Math.sqrt(ss[k] / (n[k] - 1)) : NaN;
  return { mean, sd, n };
}
