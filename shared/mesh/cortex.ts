/**
 * Cortical surfaces of the bundled template (ch2bet, 1 mm) for the Compare surface views.
 *
 * How (deterministic, no randomness):
 * 1. tissue = the T1 smoothed (sigma 1 mm) above a level between sulcal CSF and grey matter,
 *    so sulci stay open as clefts and gyri stand out;
 * 2. plus the brain's core (the brain mask eroded by 7 mm), so the inside is solid and the
 *    surface is one shell rather than a grey-matter ribbon;
 * 3. minus the cerebellum and brainstem (near AAL cerebellar labels, or below z = -12 mm and
 *    away from every cerebral label);
 * 4. per hemisphere (x < 0 left, x > 0 right; the x = 0 plane belongs to neither, so each has
 *    a medial wall), the largest piece with its holes filled;
 * 5. surface nets, Taubin smoothing, voxel -> MNI mm.
 */
import type { Mat4 } from '../spaces/types';
import { det3 } from '../spaces/matrix';
import { meshToMm, smoothMesh, surfaceNets, type Mesh } from './surfaceNets';
import { cropToMask, cubeFilter, fillHoles, gaussianSmooth, largestComponent, makeWellComposed, type Dims } from './volumeOps';

export type Hemisphere = 'left' | 'right';

/**
 * The version of what the app's surface build makes (this file, surfaceNets, decimate and the
 * cortex worker's shading): the page's IndexedDB copy is keyed by it and the template's hash,
 * so bump it whenever any of them changes its output.
 */
export const CORTEX_BUILDER_VERSION = 3;

export interface CortexOptions {
  /** T1 level of the surface (ch2bet: sulcal CSF ~40, grey ~80, white ~110) */
  level?: number;
  smoothIterations?: number;
}

/** AAL: 1..90 cerebrum (cortex and deep grey), 91..116 cerebellum and vermis. */
const CEREBRAL_MAX = 90;

interface Shared {
  smooth: Float32Array;
  core: Uint8Array;
  nearCerebral: Uint8Array;
  nearCerebralTight: Uint8Array;
  nearCerebellar: Uint8Array;
}

/** The work both hemispheres share (smoothing and the label neighbourhoods), done once. */
function sharedMaps(t1: ArrayLike<number>, labels: ArrayLike<number>, dims: Dims): Shared {
  const n = dims[0] * dims[1] * dims[2];
  if (t1.length !== n || labels.length !== n) throw new RangeError(`the template (${t1.length} voxels) and the atlas (${labels.length}) must share one ${dims.join('x')} grid`);
  const brain = new Uint8Array(n);
  const cerebral = new Uint8Array(n);
  const cerebellar = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    brain[i] = t1[i] > 0 ? 1 : 0;
    const l = Math.round(labels[i]);
    if (l > 0 && l <= CEREBRAL_MAX) cerebral[i] = 1;
    else if (l > CEREBRAL_MAX) cerebellar[i] = 1;
  }
  return {
    smooth: gaussianSmooth(t1, dims, 1),
    core: cubeFilter(brain, dims, 7, true),
    nearCerebral: cubeFilter(cerebral, dims, 2),
    nearCerebralTight: cubeFilter(cerebral, dims, 1),
    nearCerebellar: cubeFilter(cerebellar, dims, 3),
  };
}

function maskOf(sh: Shared, dims: Dims, affine: Mat4, hemi: Hemisphere, level: number): BoxMask {
  const [nx, ny, nz] = dims;
  const m = new Uint8Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        const xmm = affine[0] * x + affine[1] * y + affine[2] * z + affine[3];
        const zmm = affine[8] * x + affine[9] * y + affine[10] * z + affine[11];
        if (hemi === 'left' ? !(xmm < -0.25) : !(xmm > 0.25)) continue;
        if (!(sh.smooth[i] > level || sh.core[i])) continue;
        if (sh.nearCerebellar[i] && !sh.nearCerebralTight[i]) continue;
        if (zmm < -12 && !sh.nearCerebral[i]) continue;
        m[i] = 1;
      }
    }
  }
  // The rest works on the hemisphere's box only.
  const box = cropToMask(m, dims, 2);
  const solid = fillHoles(largestComponent(box.mask, box.dims), box.dims);
  makeWellComposed(solid, box.dims);
  return { mask: fillHoles(solid, box.dims), origin: box.origin, dims: box.dims };
}

export interface BoxMask {
  mask: Uint8Array;
  /** voxel of the template grid at the box's first voxel */
  origin: [number, number, number];
  dims: [number, number, number];
}

/** The hemisphere's solid mask (1 inside) in a box of the template grid, as meshed. */
export function hemisphereMask(t1: ArrayLike<number>, labels: ArrayLike<number>, dims: Dims, affine: Mat4, hemi: Hemisphere, level = 75): BoxMask {
  return maskOf(sharedMaps(t1, labels, dims), dims, affine, hemi, level);
}

function meshOfMask(crop: BoxMask, affine: Mat4, iterations: number): Mesh {
  const mesh = surfaceNets(crop.mask, crop.dims);
  const p = mesh.positions;
  for (let i = 0; i < p.length; i += 3) {
    p[i] += crop.origin[0];
    p[i + 1] += crop.origin[1];
    p[i + 2] += crop.origin[2];
  }
  meshToMm(smoothMesh(mesh, iterations), affine);
  // A mirroring affine (LAS) turns the winding inside out.
  if (det3(affine) < 0) flipWinding(mesh);
  return mesh;
}

/** One hemisphere's cortical surface in MNI mm, triangles counter-clockwise seen from outside. */
export function cortexSurface(t1: ArrayLike<number>, labels: ArrayLike<number>, dims: Dims, affine: Mat4, hemi: Hemisphere, opts: CortexOptions = {}): Mesh {
  return cortexSurfaces(t1, labels, dims, affine, opts)[hemi];
}

/** Both hemispheres, sharing the smoothing and label work. */
export function cortexSurfaces(t1: ArrayLike<number>, labels: ArrayLike<number>, dims: Dims, affine: Mat4, opts: CortexOptions = {}): Record<Hemisphere, Mesh> {
  const sh = sharedMaps(t1, labels, dims);
  const level = opts.level ?? 75;
  const it = opts.smoothIterations ?? 10;
  return {
    left: meshOfMask(maskOf(sh, dims, affine, 'left', level), affine, it),
    right: meshOfMask(maskOf(sh, dims, affine, 'right', level), affine, it),
  };
}

export function flipWinding(mesh: Mesh): Mesh {
  const t = mesh.indices;
  for (let i = 0; i < t.length; i += 3) {
    const b = t[i + 1];
    t[i + 1] = t[i + 2];
    t[i + 2] = b;
  }
  return mesh;
}

/**
 * An inflated copy (plain Laplacian smoothing, which shrinks, then scaled back to the original
 * spread about the centroid): sulci open out so a map inside them can be seen.
 */
export function inflate(mesh: Mesh, iterations = 40): Mesh {
  const out: Mesh = { positions: mesh.positions.slice(), indices: mesh.indices };
  const spread = (p: Float32Array) => {
    const c = [0, 0, 0];
    const nv = p.length / 3;
    for (let i = 0; i < p.length; i++) c[i % 3] += p[i] / nv;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (p[i] - c[i % 3]) ** 2;
    return { c, s: Math.sqrt(s / nv) };
  };
  const before = spread(out.positions);
  smoothMesh(out, iterations, 0.6, 0);
  const after = spread(out.positions);
  const k = before.s / (after.s || 1);
  const p = out.positions;
  for (let i = 0; i < p.length; i++) p[i] = before.c[i % 3] + (p[i] - after.c[i % 3]) * k;
  return out;
}

/** Area-weighted vertex normals (unit length, pointing out for counter-clockwise triangles). */
export function vertexNormals(mesh: Mesh): Float32Array {
  const p = mesh.positions;
  const t = mesh.indices;
  const nrm = new Float32Array(p.length);
  for (let i = 0; i < t.length; i += 3) {
    const a = 3 * t[i];
    const b = 3 * t[i + 1];
    const c = 3 * t[i + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    for (const v of [a, b, c]) {
      nrm[v] += nx;
      nrm[v + 1] += ny;
      nrm[v + 2] += nz;
    }
  }
  for (let i = 0; i < nrm.length; i += 3) {
    const l = Math.hypot(nrm[i], nrm[i + 1], nrm[i + 2]) || 1;
    nrm[i] /= l;
    nrm[i + 1] /= l;
    nrm[i + 2] /= l;
  }
  return nrm;
}
