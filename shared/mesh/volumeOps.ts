/**
 * Small voxel operations for building cortical masks: separable Gaussian smoothing, cube
 * dilation/erosion by sliding-window counts (O(n) whatever the radius), hole filling and the
 * largest connected piece. All arrays are x-fastest.
 */
export type Dims = readonly [number, number, number];

/** Gaussian smoothing with sigma in voxels, clamped at the borders. Returns a new array. */
export function gaussianSmooth(src: ArrayLike<number>, dims: Dims, sigma: number): Float32Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  let a = Float32Array.from(src);
  let b = new Float32Array(a.length);
  const [nx, ny, nz] = dims;
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const n = dims[axis];
    const s = strides[axis];
    // Each line is copied into a buffer padded with its end values, so the taps need no clamping.
    const line = new Float32Array(n + 2 * r);
    forEachLine(dims, axis, (start) => {
      for (let i = 0; i < n; i++) line[i + r] = a[start + i * s];
      for (let j = 0; j < r; j++) {
        line[j] = line[r];
        line[n + r + j] = line[n + r - 1];
      }
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j <= 2 * r; j++) acc += k[j] * line[i + j];
        b[start + i * s] = acc;
      }
    });
    [a, b] = [b, a];
  }
  void nz;
  return a;
}

/** Calls fn(startIndex) for every line of voxels along `axis`. */
function forEachLine(dims: Dims, axis: number, fn: (start: number) => void): void {
  const [nx, ny, nz] = dims;
  if (axis === 0) for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) fn(nx * (y + ny * z));
  else if (axis === 1) for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) fn(x + nx * ny * z);
  else for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) fn(x + nx * y);
}

/**
 * Dilation (`erode` false) or erosion by a (2r+1)^3 cube. Outside the grid counts as empty,
 * so erosion also eats in from the grid's faces.
 */
export function cubeFilter(mask: Uint8Array, dims: Dims, r: number, erode = false): Uint8Array {
  let a = mask.slice();
  let b = new Uint8Array(a.length);
  const [nx, ny] = dims;
  const strides = [1, nx, nx * ny];
  const w = 2 * r + 1;
  for (let axis = 0; axis < 3; axis++) {
    const n = dims[axis];
    const s = strides[axis];
    forEachLine(dims, axis, (start) => {
      let count = 0;
      for (let j = 0; j < Math.min(r, n); j++) count += a[start + j * s];
      for (let i = 0; i < n; i++) {
        const add = i + r;
        const drop = i - r - 1;
        if (add < n) count += a[start + add * s];
        if (drop >= 0) count -= a[start + drop * s];
        b[start + i * s] = erode ? (count === w ? 1 : 0) : count > 0 ? 1 : 0;
      }
    });
    [a, b] = [b, a];
  }
  return a;
}

/** Fills every empty region that the grid's border cannot reach through empty voxels (6-connected). */
export function fillHoles(mask: Uint8Array, dims: Dims): Uint8Array {
  const [nx, ny, nz] = dims;
  const outside = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  let top = 0;
  const push = (i: number) => {
    if (!mask[i] && !outside[i]) {
      outside[i] = 1;
      stack[top++] = i;
    }
  };
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) if (x === 0 || y === 0 || z === 0 || x === nx - 1 || y === ny - 1 || z === nz - 1) push(x + nx * (y + ny * z));
  while (top > 0) {
    const i = stack[--top];
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    if (x > 0) push(i - 1);
    if (x < nx - 1) push(i + 1);
    if (y > 0) push(i - nx);
    if (y < ny - 1) push(i + nx);
    if (z > 0) push(i - nx * ny);
    if (z < nz - 1) push(i + nx * ny);
  }
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < out.length; i++) out[i] = outside[i] ? 0 : 1;
  return out;
}

/** Labels voxel j and pushes it when it is inside and not yet labelled; returns the new stack top. */
function pushInside(mask: Uint8Array, label: Int32Array, stack: Int32Array, top: number, j: number, id: number): number {
  if (!mask[j] || label[j]) return top;
  label[j] = id;
  stack[top] = j;
  return top + 1;
}

/** The largest 6-connected piece of the mask (islands would be separate little shells). */
export function largestComponent(mask: Uint8Array, dims: Dims): Uint8Array {
  const [nx, ny] = dims;
  const nz = dims[2];
  const label = new Int32Array(mask.length);
  const stack = new Int32Array(mask.length);
  let best = 0;
  let bestSize = 0;
  let next = 0;
  for (let seed = 0; seed < mask.length; seed++) {
    if (!mask[seed] || label[seed]) continue;
    const id = ++next;
    let top = 0;
    let size = 0;
    label[seed] = id;
    stack[top++] = seed;
    while (top > 0) {
      const i = stack[--top];
      size++;
      const x = i % nx;
      const yz = (i - x) / nx;
      const y = yz % ny;
      const z = (yz - y) / ny;
      if (x > 0) top = pushInside(mask, label, stack, top, i - 1, id);
      if (x < nx - 1) top = pushInside(mask, label, stack, top, i + 1, id);
      if (y > 0) top = pushInside(mask, label, stack, top, i - nx, id);
      if (y < ny - 1) top = pushInside(mask, label, stack, top, i + nx, id);
      if (z > 0) top = pushInside(mask, label, stack, top, i - nx * ny, id);
      if (z < nz - 1) top = pushInside(mask, label, stack, top, i + nx * ny, id);
    }
    if (size > bestSize) {
      bestSize = size;
      best = id;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < out.length; i++) out[i] = label[i] === best && best > 0 ? 1 : 0;
  return out;
}

/*
 * Cells (2x2x2 voxels) whose pattern would give surface nets a non-manifold vertex or edge:
 * a face with only one diagonal pair set, or only two opposite corners set (or only two unset).
 * WELL_COMPOSED_FIX[pattern] is the corners to add so the cell becomes safe (0 when it is).
 */
const FACES = [[0, 6, 2, 4], [1, 7, 3, 5], [0, 5, 1, 4], [2, 7, 3, 6], [0, 3, 1, 2], [4, 7, 5, 6]];
const WELL_COMPOSED_FIX = (() => {
  const fix = new Uint8Array(256);
  const on = (c: number, k: number) => (c >> k) & 1;
  for (let c = 0; c < 256; c++) {
    for (const [a, b, p, q] of FACES) {
      if (on(c, a) && on(c, b) && !on(c, p) && !on(c, q)) fix[c] |= 1 << p;
      else if (on(c, p) && on(c, q) && !on(c, a) && !on(c, b)) fix[c] |= 1 << a;
      if (fix[c]) break;
    }
    if (fix[c]) continue;
    for (let k = 0; k < 4; k++) {
      const opp = 7 - k;
      const pair = (1 << k) | (1 << opp);
      if (c === pair) fix[c] = 1 << (k ^ 1);
      else if (c === (255 ^ pair)) fix[c] = pair;
    }
  }
  return fix;
})();

/** Adds voxels until no cell is ambiguous, so surface nets gives a 2-manifold (in place). */
export function makeWellComposed(mask: Uint8Array, dims: Dims, maxPasses = 20): number {
  const [nx, ny, nz] = dims;
  const sxy = nx * ny;
  const off = [0, 1, nx, nx + 1, sxy, sxy + 1, sxy + nx, sxy + nx + 1];
  let added = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = 0;
    for (let z = 0; z < nz - 1; z++) {
      for (let y = 0; y < ny - 1; y++) {
        let o = nx * (y + ny * z);
        for (let x = 0; x < nx - 1; x++, o++) {
          const c = mask[o] | (mask[o + 1] << 1) | (mask[o + nx] << 2) | (mask[o + nx + 1] << 3) | (mask[o + sxy] << 4) | (mask[o + sxy + 1] << 5) | (mask[o + sxy + nx] << 6) | (mask[o + sxy + nx + 1] << 7);
          const f = WELL_COMPOSED_FIX[c];
          if (!f) continue;
          for (let k = 0; k < 8; k++) if ((f >> k) & 1) mask[o + off[k]] = 1;
          changed++;
        }
      }
    }
    added += changed;
    if (!changed) break;
  }
  return added;
}

/** The mask's bounding box grown by `pad` voxels (clamped): [x0, y0, z0] and the cropped dims. */
export function cropToMask(mask: Uint8Array, dims: Dims, pad = 1): { mask: Uint8Array; origin: [number, number, number]; dims: [number, number, number] } {
  const [nx, ny, nz] = dims;
  const lo = [nx, ny, nz];
  const hi = [-1, -1, -1];
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    if (!mask[x + nx * (y + ny * z)]) continue;
    if (x < lo[0]) lo[0] = x;
    if (x > hi[0]) hi[0] = x;
    if (y < lo[1]) lo[1] = y;
    if (y > hi[1]) hi[1] = y;
    if (z < lo[2]) lo[2] = z;
    if (z > hi[2]) hi[2] = z;
  }
  if (hi[0] < 0) return { mask: new Uint8Array(0), origin: [0, 0, 0], dims: [0, 0, 0] };
  const o = lo.map((v) => Math.max(0, v - pad)) as [number, number, number];
  const e = hi.map((v, k) => Math.min(dims[k] - 1, v + pad));
  const d: [number, number, number] = [e[0] - o[0] + 1, e[1] - o[1] + 1, e[2] - o[2] + 1];
  const out = new Uint8Array(d[0] * d[1] * d[2]);
  for (let z = 0; z < d[2]; z++) for (let y = 0; y < d[1]; y++) {
    const src = o[0] + nx * (o[1] + y + ny * (o[2] + z));
    out.set(mask.subarray(src, src + d[0]), d[0] * (y + d[1] * z));
  }
  return { mask: out, origin: o, dims: d };
}
