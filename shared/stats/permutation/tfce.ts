// TFCE of one map in a single pass (perm_reference.py's definition, E = 0.5, H = 2, 100 steps).
// Each voxel gets a level L = #{k : u >= h_k}; voxels are added from level 100 down to 1 to a
// union-find, and after each level the components present (a component tree: each is contained in
// one component of the level below) are recorded with their sizes. A component at level k adds
// sqrt(size) * h_k^2 to each of its voxels, so a voxel's score is the sum along its chain of
// components, which is accumulated from level 1 up: the same additions in the same order as the
// reference's 100 labellings, so the scores agree bit for bit.
// The union-find keeps a root's size as its negative parent (one array instead of parent + size:
// the level-order visits are scattered in space, so memory traffic is what costs).
import type { Connectivity, PaddedGrid } from './design';

export interface TfceScratch {
  levGrid: Int8Array;
  /** parent index, or -(component size) at a root */
  parent: Int32Array;
  nodeAt: Int32Array;
  order: Int32Array;
  roots: Int32Array;
  nodeSize: Int32Array;
  nodeParent: Int32Array;
  nodeLevel: Uint8Array;
  nodeRoot: Int32Array;
  score: Float64Array;
  voxNode: Int32Array;
}

export function tfceScratch(g: PaddedGrid): TfceScratch {
  const V = g.at.length;
  const cap = 1 << 16;
  return {
    levGrid: new Int8Array(g.size),
    parent: new Int32Array(g.size),
    nodeAt: new Int32Array(g.size),
    order: new Int32Array(V),
    roots: new Int32Array(V),
    nodeSize: new Int32Array(cap),
    nodeParent: new Int32Array(cap),
    nodeLevel: new Uint8Array(cap),
    nodeRoot: new Int32Array(cap),
    score: new Float64Array(cap),
    voxNode: new Int32Array(V),
  };
}

function growNodes(s: TfceScratch): void {
  const n = s.nodeSize.length * 2;
  const g32 = (a: Int32Array) => {
    const b = new Int32Array(n);
    b.set(a);
    return b;
  };
  s.nodeSize = g32(s.nodeSize);
  s.nodeParent = g32(s.nodeParent);
  s.nodeRoot = g32(s.nodeRoot);
  const l = new Uint8Array(n);
  l.set(s.nodeLevel);
  s.nodeLevel = l;
  s.score = new Float64Array(n);
}

/** Root of x, with path halving. */
function find(parent: Int32Array, x: number): number {
  let p = parent[x];
  while (p >= 0) {
    const gp = parent[p];
    if (gp < 0) return p;
    parent[x] = gp;
    x = gp;
    p = parent[x];
  }
  return x;
}

// The 3x3x3 neighbourhood of a voxel as bits b = x + 3y + 9z (x, y, z in 0..2, the voxel itself
// b = 13). Two neighbours of p that are adjacent to each other and were both added before p are
// already in one component (their edge was handled when the later of them was added), so p needs
// one union per group of mutually connected earlier neighbours, not one per neighbour: at the low
// levels, where almost every voxel is in, that is one find instead of thirteen.
const ALL = (1 << 27) - 1;
let X0 = 0;
let X2 = 0;
let Y0 = 0;
let Y2 = 0;
for (let b = 0; b < 27; b++) {
  const x = b % 3;
  const y = Math.floor(b / 3) % 3;
  if (x === 0) X0 |= 1 << b;
  if (x === 2) X2 |= 1 << b;
  if (y === 0) Y0 |= 1 << b;
  if (y === 2) Y2 |= 1 << b;
}
const dx = (g: number) => (g | ((g << 1) & ~X0) | ((g >>> 1) & ~X2)) & ALL;
const dy = (g: number) => (g | ((g << 3) & ~Y0) | ((g >>> 3) & ~Y2)) & ALL;
const dz = (g: number) => (g | (g << 9) | (g >>> 9)) & ALL;
/** Cells reachable in one step of the connectivity (6: one axis; 18: within an axis plane; 26: the cube). */
const dilate: Record<Connectivity, (g: number) => number> = {
  6: (g) => dx(g) | dy(g) | dz(g),
  18: (g) => dy(dx(g)) | dz(dx(g)) | dz(dy(g)),
  26: (g) => dz(dy(dx(g))),
};

export interface TfceNeighbours {
  connectivity: Connectivity;
  /** neighbours before the voxel in raster order (added earlier within its own level) and their bits */
  before: Int32Array;
  beforeBit: Int32Array;
  after: Int32Array;
  afterBit: Int32Array;
  /** padded-grid offset of each neighbourhood bit */
  offsetOfBit: Int32Array;
}

export function tfceNeighbours(g: PaddedGrid, connectivity: Connectivity): TfceNeighbours {
  const maxOrder = connectivity === 6 ? 1 : connectivity === 18 ? 2 : 3;
  const before: number[] = [];
  const beforeBit: number[] = [];
  const after: number[] = [];
  const afterBit: number[] = [];
  const offsetOfBit = new Int32Array(27);
  for (let b = 0; b < 27; b++) {
    const di = (b % 3) - 1;
    const dj = (Math.floor(b / 3) % 3) - 1;
    const dk = Math.floor(b / 9) - 1;
    const off = di + g.px * (dj + g.py * dk);
    offsetOfBit[b] = off;
    const order = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
    if (order === 0 || order > maxOrder) continue;
    (off < 0 ? before : after).push(off);
    (off < 0 ? beforeBit : afterBit).push(1 << b);
  }
  return { connectivity, before: Int32Array.from(before), beforeBit: Int32Array.from(beforeBit), after: Int32Array.from(after), afterBit: Int32Array.from(afterBit), offsetOfBit };
}

/** Joins the component of root rp with that of voxel q; returns the new root of rp's component. */
function union(parent: Int32Array, rp: number, q: number): number {
  const rb = parent[q] < 0 ? q : find(parent, q);
  if (rb === rp) return rp;
  const sp = parent[rp];
  const sb = parent[rb];
  if (sp > sb) {
    // rp is the smaller component
    parent[rb] = sb + sp;
    parent[rp] = rb;
    return rb;
  }
  parent[rp] = sp + sb;
  parent[rb] = rp;
  return rp;
}

/**
 * Adds the voxels order[start..end) of level k (in raster order) and joins each to its same-part
 * neighbours added before it: those of a higher level, and those of level k earlier in raster order.
 */
function addLevel(at: Int32Array, order: Int32Array, start: number, end: number, parent: Int32Array, roots: Int32Array, nRoots: number, levGrid: Int8Array, nb: TfceNeighbours, k: number): number {
  const { before, beforeBit, after, afterBit, offsetOfBit } = nb;
  const grow = dilate[nb.connectivity];
  const nB = before.length;
  const nA = after.length;
  for (let q = start; q < end; q++) {
    const p = at[order[q]];
    parent[p] = -1;
    roots[nRoots++] = p;
    // earlier neighbours of p's part: level >= k before p, level > k after p
    let present = 0;
    // branch-free: (x >> 31) is -1 when x < 0 (the tests are unpredictable at the middle levels)
    if (levGrid[p] > 0) {
      for (let o = 0; o < nB; o++) present |= ((k - 1 - levGrid[p + before[o]]) >> 31) & beforeBit[o];
      for (let o = 0; o < nA; o++) present |= ((k - levGrid[p + after[o]]) >> 31) & afterBit[o];
    } else {
      for (let o = 0; o < nB; o++) present |= ((levGrid[p + before[o]] + k - 1) >> 31) & beforeBit[o];
      for (let o = 0; o < nA; o++) present |= ((levGrid[p + after[o]] + k) >> 31) & afterBit[o];
    }
    let rp = p;
    while (present !== 0) {
      const low = present & -present;
      let grp = low;
      for (;;) {
        const next = grow(grp) & present;
        if (next === grp) break;
        grp = next;
      }
      present &= ~grp;
      rp = union(parent, rp, p + offsetOfBit[31 - Math.clz32(low)]);
    }
  }
  return nRoots;
}

/** h_k = M * (k / 100), k = 1..100 (index 0 unused): h_100 === M exactly. */
export function tfceHeights(M: number): Float64Array {
  const h = new Float64Array(101);
  for (let k = 1; k <= 100; k++) h[k] = M * (k / 100);
  return h;
}

/**
 * Max |TFCE| given each tested voxel's signed level (lev[v] = +L in the positive part, -L in the
 * negative part, 0 below h_1). With `map`, also the TFCE value of every voxel (signed).
 */
export function tfceFromLevels(g: PaddedGrid, nb: TfceNeighbours, lev: Int8Array, h: Float64Array, s: TfceScratch, map?: Float64Array): number {
  const V = lev.length;
  const at = g.at;
  const { levGrid, parent, nodeAt, order, roots, voxNode } = s;
  const count = new Int32Array(102);
  for (let v = 0; v < V; v++) {
    const l = lev[v];
    count[l < 0 ? -l : l]++;
  }
  const pos = new Int32Array(102);
  pos[100] = 0;
  for (let k = 99; k >= 0; k--) pos[k] = pos[k + 1] + count[k + 1];
  const fill = pos.slice();
  for (let v = 0; v < V; v++) {
    const l = lev[v];
    if (l === 0) continue;
    order[fill[l < 0 ? -l : l]++] = v;
    levGrid[at[v]] = l;
  }
  let nRoots = 0;
  let nNodes = 0;
  let prevStart = 0;
  let prevEnd = 0;
  for (let k = 100; k >= 1; k--) {
    const start = pos[k];
    const end = start + count[k];
    nRoots = addLevel(at, order, start, end, parent, roots, nRoots, levGrid, nb, k);
    if (nRoots === 0) continue;
    let w = 0;
    for (let q = 0; q < nRoots; q++) {
      const r = roots[q];
      if (parent[r] < 0) roots[w++] = r;
    }
    nRoots = w;
    while (nNodes + nRoots > s.nodeSize.length) growNodes(s);
    const levelStart = nNodes;
    const { nodeSize, nodeLevel, nodeRoot, nodeParent } = s;
    for (let q = 0; q < nRoots; q++) {
      const r = roots[q];
      const n = nNodes++;
      nodeSize[n] = -parent[r];
      nodeLevel[n] = k;
      nodeRoot[n] = r;
      nodeParent[n] = -1;
      nodeAt[r] = n;
    }
    for (let n = prevStart; n < prevEnd; n++) nodeParent[n] = nodeAt[find(parent, nodeRoot[n])];
    prevStart = levelStart;
    prevEnd = nNodes;
    if (map) for (let q = start; q < end; q++) voxNode[order[q]] = nodeAt[find(parent, at[order[q]])];
  }
  const { nodeSize, nodeLevel, nodeParent, score } = s;
  let max = 0;
  for (let n = nNodes - 1; n >= 0; n--) {
    const k = nodeLevel[n];
    const hk = h[k];
    const par = nodeParent[n];
    const sc = (par < 0 ? 0 : score[par]) + Math.sqrt(nodeSize[n]) * (hk * hk);
    score[n] = sc;
    if (sc > max) max = sc;
  }
  if (map) {
    for (let v = 0; v < V; v++) {
      const l = lev[v];
      map[v] = l === 0 ? 0 : l > 0 ? score[voxNode[v]] : -score[voxNode[v]];
    }
  }
  for (let v = 0; v < V; v++) if (lev[v] !== 0) levGrid[at[v]] = 0;
  return max;
}
