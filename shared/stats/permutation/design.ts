// The data of a permutation run: the tested voxels (perm_reference.py's mask rules), the per-subject
// values there in float64, the exact t of one permutation row in the reference's order of
// operations, and the grid padded by one voxel so neighbour lookups need no bounds checks.

export type Connectivity = 6 | 18 | 26;

export interface PermData {
  design: 'paired' | 'two-group';
  /** subjects (paired) or nA + nB (two-group) */
  K: number;
  nA: number;
  /** tested voxels */
  V: number;
  dims: [number, number, number];
  /** flat NIfTI index (i fastest) of each tested voxel, ascending */
  voxels: Int32Array;
  /** subject-major values: paired d_i(v) = A_i - B_i; two-group y_i(v) (A subjects first) at y[i * V + v] */
  y: Float64Array;
}

function userError(message: string): Error {
  return Object.assign(new Error(message), { userFacing: true });
}

/**
 * Tested voxels as perm_reference.py `run`: every value finite, (mask > 0, or without a mask some A or B
 * non-zero), and a non-zero sd (paired: of d; two-group: a non-zero Welch standard error).
 */
export function buildPermData(a: ArrayLike<number>[], b: ArrayLike<number>[], dims: [number, number, number], design: 'paired' | 'two-group', mask?: ArrayLike<number>): PermData {
  const nVox = dims[0] * dims[1] * dims[2];
  if (design === 'paired' && a.length !== b.length) throw userError(`paired design: ${a.length} A maps but ${b.length} B maps`);
  const K = design === 'paired' ? a.length : a.length + b.length;
  if (design === 'paired' && K < 2) throw userError('need at least 2 subjects');
  if (design === 'two-group' && (a.length < 2 || b.length < 2)) throw userError('two-group design: need at least 2 maps in each group');
  for (const m of [...a, ...b]) if (m.length < nVox) throw userError(`a map has ${m.length} voxels, the grid needs ${nVox}`);
  const keep = new Uint8Array(nVox);
  let V = 0;
  const x = new Float64Array(K);
  for (let v = 0; v < nVox; v++) {
    let ok = true;
    let nonzero = false;
    for (let i = 0; i < a.length && ok; i++) {
      const av = a[i][v];
      if (av !== 0) nonzero = true;
      if (design === 'paired') {
        const d = av - b[i][v];
        if (b[i][v] !== 0) nonzero = true;
        if (!Number.isFinite(d)) ok = false;
        x[i] = d;
      } else {
        if (!Number.isFinite(av)) ok = false;
        x[i] = av;
      }
    }
    if (design === 'two-group') {
      for (let i = 0; i < b.length && ok; i++) {
        const bv = b[i][v];
        if (bv !== 0) nonzero = true;
        if (!Number.isFinite(bv)) ok = false;
        x[a.length + i] = bv;
      }
    }
    if (!ok) continue;
    if (mask) {
      const m = mask[v];
      if (!(Number.isFinite(m) && m > 0)) continue;
    } else if (!nonzero) continue;
    const t = design === 'paired' ? pairedTExact(x, 0, 1, null, 0, K) : welchTExact(x, 0, 1, null, 0, K, a.length);
    if (!(design === 'paired' ? pairedSd(x, K) > 0 : Number.isFinite(t))) continue;
    keep[v] = 1;
    V++;
  }
  const voxels = new Int32Array(V);
  for (let v = 0, w = 0; v < nVox; v++) if (keep[v]) voxels[w++] = v;
  const y = new Float64Array(K * V);
  for (let w = 0; w < V; w++) {
    const v = voxels[w];
    if (design === 'paired') for (let i = 0; i < K; i++) y[i * V + w] = a[i][v] - b[i][v];
    else {
      for (let i = 0; i < a.length; i++) y[i * V + w] = a[i][v];
      for (let i = 0; i < b.length; i++) y[(a.length + i) * V + w] = b[i][v];
    }
  }
  return { design, K, nA: design === 'paired' ? K : a.length, V, dims, voxels, y };
}

function pairedSd(x: Float64Array, K: number): number {
  let acc = 0;
  for (let i = 0; i < K; i++) acc += x[i];
  const mean = acc / K;
  let ss = 0;
  for (let i = 0; i < K; i++) {
    const dev = x[i] - mean;
    ss += dev * dev;
  }
  return Math.sqrt(ss / (K - 1));
}

/**
 * Paired t of row s at one voxel, exactly as perm_reference.py (T): x_i = s_i d_i, mean = sequential
 * sum / K, ss = sequential sum of (x_i - mean)^2, t = mean / (sqrt(ss / (K - 1)) / sqrt(K)).
 * y[off + i * stride] is d_i; s null = identity.
 */
export function pairedTExact(y: ArrayLike<number>, off: number, stride: number, s: Int8Array | null, sOff: number, K: number): number {
  let acc = 0;
  for (let i = 0; i < K; i++) acc += (s ? s[sOff + i] : 1) * y[off + i * stride];
  const mean = acc / K;
  let ss = 0;
  for (let i = 0; i < K; i++) {
    const dev = (s ? s[sOff + i] : 1) * y[off + i * stride] - mean;
    ss += dev * dev;
  }
  const sd = Math.sqrt(ss / (K - 1));
  return mean / (sd / Math.sqrt(K));
}

/** Welch t of label row s (+1 = A) at one voxel: sequential means and squared deviations per group. */
export function welchTExact(y: ArrayLike<number>, off: number, stride: number, s: Int8Array | null, sOff: number, K: number, nA: number): number {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < K; i++) {
    const inA = s ? s[sOff + i] > 0 : i < nA;
    if (inA) sa += y[off + i * stride];
    else sb += y[off + i * stride];
  }
  const nB = K - nA;
  const ma = sa / nA;
  const mb = sb / nB;
  let qa = 0;
  let qb = 0;
  for (let i = 0; i < K; i++) {
    const inA = s ? s[sOff + i] > 0 : i < nA;
    const val = y[off + i * stride];
    if (inA) qa += (val - ma) * (val - ma);
    else qb += (val - mb) * (val - mb);
  }
  return (ma - mb) / Math.sqrt(qa / (nA - 1) / nA + qb / (nB - 1) / nB);
}

/** Exact t of row r (rows: R x K) at tested voxel v. */
export function exactT(data: PermData, rows: Int8Array, r: number, v: number): number {
  return data.design === 'paired'
    ? pairedTExact(data.y, v, data.V, rows, r * data.K, data.K)
    : welchTExact(data.y, v, data.V, rows, r * data.K, data.K, data.nA);
}

/**
 * The tested voxels' bounding box padded by one voxel on every side, and each tested voxel's index in
 * it. Cropped to the box (not the whole image) so the union-find arrays indexed by it are smaller and
 * stay in cache better; raster order is kept, so scan-order arguments still hold.
 */
export interface PaddedGrid {
  px: number;
  py: number;
  size: number;
  /** padded index of tested voxel v */
  at: Int32Array;
}

export function paddedGrid(data: PermData): PaddedGrid {
  const [nx, ny] = data.dims;
  const V = data.V;
  const ii = new Int32Array(V);
  const jj = new Int32Array(V);
  const kk = new Int32Array(V);
  let i0 = Infinity, j0 = Infinity, k0 = Infinity, i1 = -1, j1 = -1, k1 = -1;
  for (let w = 0; w < V; w++) {
    const f = data.voxels[w];
    const i = f % nx;
    const jk = (f - i) / nx;
    const j = jk % ny;
    const k = (jk - j) / ny;
    ii[w] = i;
    jj[w] = j;
    kk[w] = k;
    if (i < i0) i0 = i;
    if (i > i1) i1 = i;
    if (j < j0) j0 = j;
    if (j > j1) j1 = j;
    if (k < k0) k0 = k;
    if (k > k1) k1 = k;
  }
  if (V === 0) i0 = j0 = k0 = 0;
  const px = i1 - i0 + 3;
  const py = j1 - j0 + 3;
  const pz = k1 - k0 + 3;
  const at = new Int32Array(V);
  for (let w = 0; w < V; w++) at[w] = ii[w] - i0 + 1 + px * (jj[w] - j0 + 1 + py * (kk[w] - k0 + 1));
  return { px, py, size: px * py * pz, at };
}

/** Neighbour offsets in the padded grid: all of them (`half` = only those before the voxel in scan order). */
export function neighbourOffsets(g: PaddedGrid, connectivity: Connectivity, half = false): Int32Array {
  const out: number[] = [];
  const maxOrder = connectivity === 6 ? 1 : connectivity === 18 ? 2 : 3;
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const order = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (order === 0 || order > maxOrder) continue;
        const off = di + g.px * (dj + g.py * dk);
        if (half && off > 0) continue;
        out.push(off);
      }
  return Int32Array.from(out);
}
