/**
 * What the surface grid shows, computed from the compare display: the maps projected onto the
 * hemispheres (once per contrast and statistic: the unthresholded statistic, so a threshold
 * drag only recolours), and the ROI and cluster meshes.
 */
import { blockAny, meshToMm, projectToSurface, smoothMesh, surfaceNets, type Mesh } from '../../../shared/mesh';
import { statMap, type ContrastMaps, type Statistic } from '../../../shared/compare';
import type { Grid } from '../../../shared/spaces/types';
import type { RoiDef, RoiResult } from '../../store/compare';
import type { CompareDisplay } from '../../../shared/compare';
import { SEED_LABEL } from '../../../shared/compare';
import type { Cortex } from './cortexClient';
import { effectColour } from './surfaceColours';
import type { Hemi } from './surfaceScene';

export type RowId = 'a' | 'b' | 'contrast';

export interface Projected {
  key: string;
  stat: Record<Hemi, Float32Array>;
  meanA: Record<Hemi, Float32Array> | null;
  meanB: Record<Hemi, Float32Array> | null;
  /** time for all of them, and how many maps that was (the statistic and up to two means) */
  ms: number;
  maps: number;
}

function both(cortex: Cortex, grid: Grid, data: ArrayLike<number>): Record<Hemi, Float32Array> {
  return {
    left: projectToSurface(cortex.left.positions, cortex.left.normals, grid, data),
    right: projectToSurface(cortex.right.positions, cortex.right.normals, grid, data),
  };
}

/** Projects the statistic and the two condition means onto both hemispheres. */
export function projectDisplay(cortex: Cortex, d: CompareDisplay, maps: ContrastMaps | null, statistic: Statistic, key: string): Projected {
  const t0 = performance.now();
  const full = maps ? statMap(maps, statistic) : d.stat;
  const stat = both(cortex, d.grid, full);
  const meanA = d.meanA ? both(cortex, d.grid, d.meanA) : null;
  const meanB = d.meanB ? both(cortex, d.grid, d.meanB) : null;
  return { key, stat, meanA, meanB, ms: performance.now() - t0, maps: 1 + (meanA ? 1 : 0) + (meanB ? 1 : 0) };
}

function meshOf(mask: Uint8Array, grid: Grid): Mesh | null {
  let any = false;
  for (let i = 0; i < mask.length && !any; i++) any = mask[i] === 1;
  if (!any) return null;
  const m = surfaceNets(mask, grid.dims);
  return meshToMm(smoothMesh(m, 4), grid.affine);
}

/**
 * Suprathreshold clusters as isosurfaces: warm where the contrast is positive, cool where
 * negative, one mesh per hemisphere (x < 0 or x >= 0) so single-hemisphere views show their own.
 */
export function clusterMeshes(d: CompareDisplay): { mesh: Mesh; colour: [number, number, number] }[] {
  const n = d.stat.length;
  const [nx, ny] = d.grid.dims;
  const a = d.grid.affine;
  const masks = [0, 1, 2, 3].map(() => new Uint8Array(n));
  for (let i = 0; i < n; i++) {
    const v = d.stat[i];
    if (!(v > 0 || v < 0)) continue;
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    const right = a[0] * x + a[1] * y + a[2] * z + a[3] >= 0 ? 1 : 0;
    masks[(v > 0 ? 0 : 2) + right][i] = 1;
  }
  const out: { mesh: Mesh; colour: [number, number, number] }[] = [];
  masks.forEach((m, k) => {
    const mesh = meshOf(m, d.grid);
    if (mesh) out.push({ mesh, colour: k < 2 ? [1, 0.55, 0.1] : [0.2, 0.55, 1] });
  });
  return out;
}

/** The ROI panel's ROIs as meshes coloured by their effect size dz (white when not known yet). */
export function roiMeshes(d: CompareDisplay, rois: RoiDef[], results: RoiResult[]): { mesh: Mesh; colour: [number, number, number]; name: string; dz: number | null }[] {
  const labels = d.roiLabels;
  if (!labels) return [];
  const out: { mesh: Mesh; colour: [number, number, number]; name: string; dz: number | null }[] = [];
  rois.forEach((roi, k) => {
    const mask = new Uint8Array(labels.length);
    for (let i = 0; i < labels.length; i++) if (labels[i] === k + 1) mask[i] = 1;
    const mesh = meshOf(mask, d.grid);
    if (!mesh) return;
    const dz = results.find((r) => r.roi === roi.id)?.summary?.dz ?? null;
    out.push({ mesh, colour: dz === null || !Number.isFinite(dz) ? [0.9, 0.9, 0.9] : effectColour(dz), name: roi.name, dz });
  });
  void SEED_LABEL;
  void blockAny;
  return out;
}
