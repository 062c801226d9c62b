// Connected components of a thresholded map: one scan over the volume to classify voxels,
// then union-find over the (few) suprathreshold voxels only, looking back at the already
// visited half of the neighbourhood. Neighbourhoods are scipy.ndimage's
// generate_binary_structure(3, 1 | 2 | 3): faces (6), + edges (18), + corners (26).

export type Connectivity = 6 | 18 | 26;

/** Backward neighbour offsets (di, dj, dk) that come before (0,0,0) in i-fastest scan order. */
function backwardOffsets(connectivity: Connectivity): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let dk = -1; dk <= 0; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        if (dk === 0 && (dj > 0 || (dj === 0 && di >= 0))) continue;
        const order = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (connectivity === 6 && order > 1) continue;
        if (connectivity === 18 && order > 2) continue;
        out.push([di, dj, dk]);
      }
    }
  }
  return out;
}

/** Flat indices where cls is non-zero, ascending. */
export function nonZeroIndices(cls: Int8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < cls.length; i++) if (cls[i] !== 0) n++;
  const out = new Int32Array(n);
  let w = 0;
  for (let i = 0; i < cls.length; i++) if (cls[i] !== 0) out[w++] = i;
  return out;
}

export interface Components {
  /** Per voxel: 0, or the component number 1..count (in order of first voxel in i-fastest scan). */
  labels: Int32Array;
  count: number;
  /** Flat indices of the labelled voxels, in scan order. */
  voxels: Int32Array;
}

/**
 * Label the voxels where `cls` is non-zero (`supra`: those indices, ascending, if already known); two voxels join only when their `cls` values are equal
 * (so positive and negative clusters stay apart).
 */
export function labelComponents(
  cls: Int8Array,
  dims: [number, number, number],
  connectivity: Connectivity,
  supra: Int32Array = nonZeroIndices(cls),
  /** Reused output (all zeros, length of cls) instead of a new full-size array. */
  labelsOut?: Int32Array,
): Components {
  const [nx, ny] = dims;
  const labels = labelsOut ?? new Int32Array(cls.length);
  const nSupra = supra.length;
  const voxels = supra;
  const offsets = backwardOffsets(connectivity);
  const flatOffsets = offsets.map(([di, dj, dk]) => di + nx * (dj + ny * dk));
  // parent[] over provisional labels; provisional label p is stored as p in `labels`.
  let parent = new Int32Array(Math.max(16, nSupra + 1));
  let next = 1;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) {
      const up = parent[x];
      parent[x] = r;
      x = up;
    }
    return r;
  };
  const nOff = offsets.length;
  const flat = Int32Array.from(flatOffsets);
  const nz = dims[2];
  for (let v = 0; v < nSupra; v++) {
    const idx = supra[v];
    const c = cls[idx];
    const i = idx % nx;
    const jk = (idx - i) / nx;
    const j = jk % ny;
    const k = (jk - j) / ny;
    // Away from the volume's faces every backward neighbour exists: skip the bounds checks.
    const inside = i > 0 && i < nx - 1 && j > 0 && j < ny - 1 && k > 0 && k < nz;
    let mine = 0;
    for (let o = 0; o < nOff; o++) {
      if (!inside) {
        const off = offsets[o];
        const ii = i + off[0];
        const jj = j + off[1];
        const kk = k + off[2];
        if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || kk < 0) continue;
      }
      const nIdx = idx + flat[o];
      if (cls[nIdx] !== c) continue;
      const other = find(labels[nIdx]);
      if (mine === 0) mine = other;
      else if (other !== mine) {
        // Union by smaller root so a root is always the earliest provisional label.
        if (other < mine) {
          parent[mine] = other;
          mine = other;
        } else parent[other] = mine;
      }
    }
    if (mine === 0) {
      if (next >= parent.length) {
        const grown = new Int32Array(parent.length * 2);
        grown.set(parent);
        parent = grown;
      }
      parent[next] = next;
      mine = next++;
    }
    labels[idx] = mine;
  }
  // Final numbering: roots in order of their first voxel in scan order.
  const finalOf = new Int32Array(next);
  let count = 0;
  for (let v = 0; v < nSupra; v++) {
    const idx = voxels[v];
    const root = find(labels[idx]);
    if (finalOf[root] === 0) finalOf[root] = ++count;
    labels[idx] = finalOf[root];
  }
  return { labels, count, voxels };
}
