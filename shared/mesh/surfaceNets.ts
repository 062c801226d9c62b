/**
 * Surface nets: a closed, watertight triangle mesh around the voxels of a binary mask, one vertex
 * per boundary cell (placed at the mean of its edge crossings) and one quad per boundary voxel
 * face. Simpler than marching cubes (no case tables) and smoother on blocky masks.
 */
import type { Mat4 } from '../spaces/types';
import { voxelSizes } from '../spaces/matrix';

export interface Mesh {
  /** x, y, z per vertex */
  positions: Float32Array;
  /** three vertex indices per triangle, counter-clockwise seen from outside */
  indices: Uint32Array;
}

/** Mesh of `mask` (nonzero = inside; x fastest) in voxel coordinates. */
export function surfaceNets(mask: ArrayLike<number>, dims: readonly [number, number, number]): Mesh {
  const [nx, ny, nz] = dims;
  if (mask.length !== nx * ny * nz) throw new RangeError(`the mask has ${mask.length} voxels, not ${nx}x${ny}x${nz}`);
  // Voxel (x, y, z) of a grid padded by one empty voxel on every side, so the surface closes.
  const px = nx + 2;
  const py = ny + 2;
  const pz = nz + 2;
  const inside = new Uint8Array(px * py * pz);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) if (mask[x + nx * (y + ny * z)]) inside[x + 1 + px * (y + 1 + py * (z + 1))] = 1;
  // Cell (x, y, z) spans padded voxels x..x+1, y..y+1, z..z+1.
  const cx = px - 1;
  const cy = py - 1;
  const cz = pz - 1;
  const vertexOf = new Int32Array(cx * cy * cz).fill(-1);
  const pos: number[] = [];
  const corner = (x: number, y: number, z: number) => inside[x + px * (y + py * z)];
  const sxy = px * py;
  for (let z = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++) {
      for (let x = 0; x < cx; x++) {
        const o = x + px * (y + py * z);
        // Corner k = dx + 2 dy + 4 dz of the cell.
        const bits = inside[o] | (inside[o + 1] << 1) | (inside[o + px] << 2) | (inside[o + px + 1] << 3) | (inside[o + sxy] << 4) | (inside[o + sxy + 1] << 5) | (inside[o + sxy + px] << 6) | (inside[o + sxy + px + 1] << 7);
        if (bits === 0 || bits === 255) continue;
        vertexOf[x + cx * (y + cy * z)] = pos.length / 3;
        // Back to unpadded voxel coordinates (cell corner x+0.5 in padded = voxel x-0.5).
        pos.push(x + CENTROID[3 * bits] - 1, y + CENTROID[3 * bits + 1] - 1, z + CENTROID[3 * bits + 2] - 1);
      }
    }
  }
  const idx: number[] = [];
  const cell = (x: number, y: number, z: number) => vertexOf[x + cx * (y + cy * z)];
  const quad = (a: number, b: number, c: number, d: number, flip: boolean) => {
    if (flip) idx.push(a, c, b, a, d, c);
    else idx.push(a, b, c, a, c, d);
  };
  // Each voxel edge where inside changes is crossed by one face: the quad joining the 4 cells around it.
  for (let z = 1; z < pz - 1; z++) {
    for (let y = 1; y < py - 1; y++) {
      for (let x = 0; x < px - 1; x++) {
        const a = corner(x, y, z);
        if (a !== corner(x + 1, y, z)) quad(cell(x, y - 1, z - 1), cell(x, y, z - 1), cell(x, y, z), cell(x, y - 1, z), a === 0);
      }
    }
  }
  for (let z = 1; z < pz - 1; z++) {
    for (let y = 0; y < py - 1; y++) {
      for (let x = 1; x < px - 1; x++) {
        const a = corner(x, y, z);
        if (a !== corner(x, y + 1, z)) quad(cell(x - 1, y, z - 1), cell(x - 1, y, z), cell(x, y, z), cell(x, y, z - 1), a === 0);
      }
    }
  }
  for (let z = 0; z < pz - 1; z++) {
    for (let y = 1; y < py - 1; y++) {
      for (let x = 1; x < px - 1; x++) {
        const a = corner(x, y, z);
        if (a !== corner(x, y, z + 1)) quad(cell(x - 1, y - 1, z), cell(x, y - 1, z), cell(x, y, z), cell(x - 1, y, z), a === 0);
      }
    }
  }
  return { positions: Float32Array.from(pos), indices: Uint32Array.from(idx) };
}

const EDGES: [number[], number[]][] = [
  [[0, 0, 0], [1, 0, 0]], [[0, 1, 0], [1, 1, 0]], [[0, 0, 1], [1, 0, 1]], [[0, 1, 1], [1, 1, 1]],
  [[0, 0, 0], [0, 1, 0]], [[1, 0, 0], [1, 1, 0]], [[0, 0, 1], [0, 1, 1]], [[1, 0, 1], [1, 1, 1]],
  [[0, 0, 0], [0, 0, 1]], [[1, 0, 0], [1, 0, 1]], [[0, 1, 0], [0, 1, 1]], [[1, 1, 0], [1, 1, 1]],
];

/**
 * For each of the 256 corner patterns of a cell, the mean of its edge crossings, each at its
 * edge's midpoint (a binary mask has no finer level).
 */
const CENTROID = (() => {
  const out = new Float32Array(256 * 3);
  const bit = (c: number[]) => c[0] + 2 * c[1] + 4 * c[2];
  for (let bits = 1; bits < 255; bits++) {
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sz = 0;
    for (const [a, b] of EDGES) {
      if (((bits >> bit(a)) & 1) !== ((bits >> bit(b)) & 1)) {
        sx += (a[0] + b[0]) / 2;
        sy += (a[1] + b[1]) / 2;
        sz += (a[2] + b[2]) / 2;
        n++;
      }
    }
    out.set([sx / n, sy / n, sz / n], 3 * bits);
  }
  return out;
})();

/**
 * Taubin smoothing (a shrink step then an inflate step per iteration), which rounds off the
 * voxel staircase without the shrinking of plain Laplacian smoothing. Positions change in place.
 */
export function smoothMesh(mesh: Mesh, iterations = 8, lambda = 0.5, mu = -0.53): Mesh {
  const nv = mesh.positions.length / 3;
  // Neighbours in flat (CSR) lists, one entry per triangle corner: on a closed manifold every
  // neighbour appears twice, so the mean is that of the distinct neighbours (and no Sets: fast).
  const t = mesh.indices;
  const start = new Uint32Array(nv + 1);
  for (let i = 0; i < t.length; i++) start[t[i] + 1] += 2;
  for (let v = 0; v < nv; v++) start[v + 1] += start[v];
  const fill = start.slice(0, nv);
  const flat = new Uint32Array(start[nv]);
  for (let i = 0; i < t.length; i += 3) {
    const a = t[i], b = t[i + 1], c = t[i + 2];
    flat[fill[a]++] = b;
    flat[fill[a]++] = c;
    flat[fill[b]++] = a;
    flat[fill[b]++] = c;
    flat[fill[c]++] = a;
    flat[fill[c]++] = b;
  }
  const p = mesh.positions;
  const next = new Float32Array(p.length);
  const step = (f: number) => {
    for (let v = 0; v < nv; v++) {
      let mx = 0;
      let my = 0;
      let mz = 0;
      for (let j = start[v]; j < start[v + 1]; j++) {
        const u = flat[j];
        mx += p[3 * u];
        my += p[3 * u + 1];
        mz += p[3 * u + 2];
      }
      const k = start[v + 1] - start[v] || 1;
      next[3 * v] = p[3 * v] + f * (mx / k - p[3 * v]);
      next[3 * v + 1] = p[3 * v + 1] + f * (my / k - p[3 * v + 1]);
      next[3 * v + 2] = p[3 * v + 2] + f * (mz / k - p[3 * v + 2]);
    }
    p.set(next);
  };
  for (let i = 0; i < iterations; i++) {
    step(lambda);
    step(mu);
  }
  return mesh;
}

/** Voxel coordinates -> mm through a row-major affine, in place. */
export function meshToMm(mesh: Mesh, affine: Mat4): Mesh {
  const p = mesh.positions;
  const a = affine;
  for (let i = 0; i < p.length; i += 3) {
    const [x, y, z] = [p[i], p[i + 1], p[i + 2]];
    p[i] = a[0] * x + a[1] * y + a[2] * z + a[3];
    p[i + 1] = a[4] * x + a[5] * y + a[6] * z + a[7];
    p[i + 2] = a[8] * x + a[9] * y + a[10] * z + a[11];
  }
  return mesh;
}

/**
 * A coarser mask: voxel (i, j, k) is inside when any voxel of its f x f x f block is. The affine
 * maps coarse voxel centres to the centres of their blocks.
 */
export function blockAny(mask: ArrayLike<number>, dims: readonly [number, number, number], affine: Mat4, f: number): { mask: Uint8Array; dims: [number, number, number]; affine: Mat4 } {
  const [nx, ny, nz] = dims;
  const out: [number, number, number] = [Math.ceil(nx / f), Math.ceil(ny / f), Math.ceil(nz / f)];
  const m = new Uint8Array(out[0] * out[1] * out[2]);
  for (let z = 0; z < nz; z++) {
    const k = Math.floor(z / f);
    for (let y = 0; y < ny; y++) {
      const j = Math.floor(y / f);
      for (let x = 0; x < nx; x++) if (mask[x + nx * (y + ny * z)]) m[Math.floor(x / f) + out[0] * (j + out[1] * k)] = 1;
    }
  }
  const c = (f - 1) / 2;
  const a = affine;
  const scaled: Mat4 = [
    a[0] * f, a[1] * f, a[2] * f, a[0] * c + a[1] * c + a[2] * c + a[3],
    a[4] * f, a[5] * f, a[6] * f, a[4] * c + a[5] * c + a[6] * c + a[7],
    a[8] * f, a[9] * f, a[10] * f, a[8] * c + a[9] * c + a[10] * c + a[11],
    0, 0, 0, 1,
  ];
  return { mask: m, dims: out, affine: scaled };
}

/**
 * A smooth closed surface around the labelled voxels of an atlas (label > 0), built on a grid
 * of about `targetMm` voxels: the translucent "glass brain" of a 3D connectivity scene, in mm.
 */
export function brainShell(labels: ArrayLike<number>, dims: readonly [number, number, number], affine: Mat4, targetMm = 3): Mesh {
  const voxelMm = Math.min(...voxelSizes(affine));
  const f = Math.max(1, Math.round(targetMm / (voxelMm || 1)));
  const inside = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) inside[i] = labels[i] > 0 ? 1 : 0;
  const coarse = blockAny(inside, dims, affine, f);
  return meshToMm(smoothMesh(surfaceNets(coarse.mask, coarse.dims), 10), coarse.affine);
}
