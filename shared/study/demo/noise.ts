import type { Random } from './random';

/**
 * Spatially smooth Gaussian noise (unit SD, FWHM about 8 mm on a 2 mm grid), sampled only at
 * the brain voxels. Cheap by construction: white noise on a grid twice as coarse, smoothed
 * there with a [1,2,1] kernel per axis, then trilinearly upsampled by 2. The upsampling lowers
 * the variance between coarse nodes by a known factor per axis, which is divided out so the
 * field's SD is the same everywhere.
 */
export class SmoothNoise {
  private readonly cdims: [number, number, number];
  private readonly coarse: Float32Array;
  private readonly tmp: Float32Array;
  /** Per brain voxel: the coarse index of its lower corner, and which axes fall between nodes (bits 0..2). */
  private readonly base: Int32Array;
  private readonly parity: Uint8Array;
  private readonly scale: Float32Array;

  constructor(dims: [number, number, number], voxels: Int32Array) {
    const [nx, ny] = dims;
    // The coarse grid only covers the brain's bounding box (plus a margin for the kernel).
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    const ijk = (v: number) => [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))];
    for (let n = 0; n < voxels.length; n++) {
      const p = ijk(voxels[n]);
      for (let d = 0; d < 3; d++) {
        lo[d] = Math.min(lo[d], p[d] & ~1);
        hi[d] = Math.max(hi[d], p[d]);
      }
    }
    if (voxels.length === 0) {
      lo.fill(0);
      hi.fill(0);
    }
    this.cdims = [0, 1, 2].map((d) => ((hi[d] - lo[d]) >> 1) + 4) as [number, number, number];
    const [cx, cy, cz] = this.cdims;
    this.coarse = new Float32Array(cx * cy * cz);
    this.tmp = new Float32Array(cx * cy * cz);
    this.base = new Int32Array(voxels.length);
    this.parity = new Uint8Array(voxels.length);
    for (let n = 0; n < voxels.length; n++) {
      const [i, j, k] = ijk(voxels[n]).map((x, d) => x - lo[d]);
      this.base[n] = (i >> 1) + 1 + cx * ((j >> 1) + 1 + cy * ((k >> 1) + 1));
      this.parity[n] = (i & 1) | ((j & 1) << 1) | ((k & 1) << 2);
    }
    // [1,2,1]/4 per axis: variance 6/16 per axis, lag-1 correlation 4/6;
    // the midpoint of two nodes has variance (1 + 4/6)/2 = 5/6 of a node's.
    const nodeSd = Math.pow(6 / 16, 1.5);
    this.scale = new Float32Array(8);
    for (let p = 0; p < 8; p++) {
      const between = (p & 1) + ((p >> 1) & 1) + ((p >> 2) & 1);
      this.scale[p] = 1 / (nodeSd * Math.pow(5 / 6, between / 2));
    }
  }

  /** One field at the brain voxels, added into `out` times `amplitude` (out[n] += amplitude * noise[n]). */
  addTo(out: Float32Array, rng: Random, amplitude: number): void {
    const [cx, cy, cz] = this.cdims;
    const c = rng.fillApproxNormal(this.coarse);
    const t = this.tmp;
    const sx = 1;
    const sy = cx;
    const sz = cx * cy;
    smoothAxis(c, t, sx, cx * cy * cz);
    smoothAxis(t, c, sy, cx * cy * cz);
    smoothAxis(c, t, sz, cx * cy * cz);
    const f = t;
    const base = this.base;
    const parity = this.parity;
    for (let n = 0; n < base.length; n++) {
      const b = base[n];
      const p = parity[n];
      let v: number;
      switch (p) {
        case 0: v = f[b]; break;
        case 1: v = 0.5 * (f[b] + f[b + sx]); break;
        case 2: v = 0.5 * (f[b] + f[b + sy]); break;
        case 4: v = 0.5 * (f[b] + f[b + sz]); break;
        case 3: v = 0.25 * (f[b] + f[b + sx] + f[b + sy] + f[b + sx + sy]); break;
        case 5: v = 0.25 * (f[b] + f[b + sx] + f[b + sz] + f[b + sx + sz]); break;
        case 6: v = 0.25 * (f[b] + f[b + sy] + f[b + sz] + f[b + sy + sz]); break;
        default:
          v = 0.125 * (f[b] + f[b + sx] + f[b + sy] + f[b + sz] + f[b + sx + sy] + f[b + sx + sz] + f[b + sy + sz] + f[b + sx + sy + sz]);
      }
      out[n] += amplitude * v * this.scale[p];
    }
  }
}

/** out[i] = (in[i-s] + 2 in[i] + in[i+s]) / 4, with zero beyond the ends of the array. */
function smoothAxis(src: Float32Array, dst: Float32Array, stride: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const lo = i - stride >= 0 ? src[i - stride] : 0;
    const hi = i + stride < n ? src[i + stride] : 0;
    dst[i] = 0.25 * (lo + 2 * src[i] + hi);
  }
}
