import type { Atlas } from '../../atlas/index';
import type { NiftiImage } from '../../nifti/types';
import { resample, voxelToMm } from '../../spaces/index';
import type { Grid } from '../../spaces/types';

/** The MNI 2 mm grid (FSL's MNI152_T1_2mm): 91x109x91, LAS voxel order. */
export const MNI_2MM: Grid = {
  dims: [91, 109, 91],
  affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1],
};

/** The demo's brain on the 2 mm grid: which voxels carry values and which AAL label each has. */
export interface DemoAnatomy {
  grid: Grid;
  /** Full-grid indices of brain voxels (template or atlas non-zero), in increasing order. */
  voxels: Int32Array;
  /** AAL label of each brain voxel (0 = unlabelled brain, treated as white matter). */
  label: Int16Array;
  /** Label value by AAL name (e.g. 'Amygdala_R'). */
  indexOf: Map<string, number>;
  atlas: Atlas;
}

export function buildAnatomy(template: NiftiImage, atlas: Atlas, grid: Grid = MNI_2MM): DemoAnatomy {
  const nVox = grid.dims[0] * grid.dims[1] * grid.dims[2];
  const t1 = template.data.length === template.grid.dims[0] * template.grid.dims[1] * template.grid.dims[2] ? template.data : template.data.subarray(0, template.grid.dims[0] * template.grid.dims[1] * template.grid.dims[2]);
  const brain = resample({ grid: template.grid, data: t1 }, grid, 'nearest', 0);
  const labels = resample({ grid: atlas.grid, data: atlas.data }, grid, 'nearest', 0);
  let count = 0;
  for (let v = 0; v < nVox; v++) if (brain[v] > 0 || labels[v] > 0) count++;
  const voxels = new Int32Array(count);
  const label = new Int16Array(count);
  for (let v = 0, n = 0; v < nVox; v++) {
    if (brain[v] > 0 || labels[v] > 0) {
      voxels[n] = v;
      label[n] = Math.round(labels[v]);
      n++;
    }
  }
  const indexOf = new Map<string, number>();
  for (const e of atlas.table.entries.values()) if (e.index > 0) indexOf.set(e.name, e.index);
  return { grid, voxels, label, indexOf, atlas };
}

/**
 * A per-brain-voxel map with `weights[name]` inside each named AAL region (`others` in other
 * labels, `unlabelled` in unlabelled brain), softened at the edges (unless `soften` is false)
 * by a [1,2,1] kernel per axis so effects do not stop at a label boundary like a cliff.
 */
export function regionPattern(anat: DemoAnatomy, weights: Record<string, number>, others = 0, unlabelled = 0, soften = true): Float32Array {
  const byIndex = new Float32Array(Math.max(0, ...anat.indexOf.values()) + 1).fill(others);
  byIndex[0] = unlabelled;
  for (const [name, w] of Object.entries(weights)) {
    const idx = anat.indexOf.get(name);
    if (idx === undefined) throw new Error(`demo: the atlas has no region named ${name}`);
    byIndex[idx] = w;
  }
  const [nx, ny, nz] = anat.grid.dims;
  const full = new Float32Array(nx * ny * nz);
  if (!soften) return Float32Array.from(anat.label, (l) => byIndex[l] ?? 0);
  for (let n = 0; n < anat.voxels.length; n++) full[anat.voxels[n]] = byIndex[anat.label[n]] ?? 0;
  const tmp = new Float32Array(full.length);
  smooth121(full, tmp, 1);
  smooth121(tmp, full, nx);
  smooth121(full, tmp, nx * ny);
  const out = new Float32Array(anat.voxels.length);
  for (let n = 0; n < anat.voxels.length; n++) out[n] = tmp[anat.voxels[n]];
  return out;
}

function smooth121(src: Float32Array, dst: Float32Array, stride: number): void {
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const lo = i - stride >= 0 ? src[i - stride] : 0;
    const hi = i + stride < n ? src[i + stride] : 0;
    dst[i] = 0.25 * lo + 0.5 * src[i] + 0.25 * hi;
  }
}

/** Centre of mass in MNI mm of each named region, from the atlas on its own grid. */
export function regionCentroids(atlas: Atlas, names: string[]): Map<string, [number, number, number]> {
  const want = new Map<number, string>();
  for (const e of atlas.table.entries.values()) if (names.includes(e.name)) want.set(e.index, e.name);
  const sums = new Map<number, [number, number, number, number]>();
  const [nx, ny, nz] = atlas.grid.dims;
  const a = atlas.grid.affine;
  let v = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        const l = atlas.data[v];
        if (l === 0 || !want.has(l)) continue;
        let s = sums.get(l);
        if (!s) sums.set(l, (s = [0, 0, 0, 0]));
        s[0] += i;
        s[1] += j;
        s[2] += k;
        s[3]++;
      }
    }
  }
  const out = new Map<string, [number, number, number]>();
  for (const [l, s] of sums) {
    const mm = voxelToMm(a, s[0] / s[3], s[1] / s[3], s[2] / s[3]);
    out.set(want.get(l)!, [Math.round(mm[0] * 10) / 10, Math.round(mm[1] * 10) / 10, Math.round(mm[2] * 10) / 10]);
  }
  return out;
}
