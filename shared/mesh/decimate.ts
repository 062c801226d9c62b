/**
 * A coarse copy of a mesh for drawing while the camera moves, by vertex clustering: the mesh's
 * box is cut into cubes of `cellMm`, each cube's vertices collapse onto one of them (the one
 * nearest the cube's mean), and triangles whose corners land in fewer than three cubes vanish.
 * The result is only a new triangle list over the SAME vertices, so the positions, normals and
 * vertex colours of the full mesh serve it unchanged (a recolour shows in both at once).
 * Deterministic; not watertight in general, which is fine for a picture in motion.
 */
export function clusterTriangles(positions: Float32Array, indices: Uint32Array, cellMm: number): Uint32Array {
  const nv = positions.length / 3;
  let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let v = 0; v < nv; v++) {
    minX = Math.min(minX, positions[3 * v]);
    minY = Math.min(minY, positions[3 * v + 1]);
    minZ = Math.min(minZ, positions[3 * v + 2]);
    maxX = Math.max(maxX, positions[3 * v]);
    maxY = Math.max(maxY, positions[3 * v + 1]);
  }
  const gx = Math.floor((maxX - minX) / cellMm) + 1;
  const gy = Math.floor((maxY - minY) / cellMm) + 1;
  const cell = new Int32Array(nv);
  const ids = new Map<number, number>();
  for (let v = 0; v < nv; v++) {
    const key = Math.floor((positions[3 * v] - minX) / cellMm) + gx * (Math.floor((positions[3 * v + 1] - minY) / cellMm) + gy * Math.floor((positions[3 * v + 2] - minZ) / cellMm));
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    cell[v] = id;
  }
  const nc = ids.size;
  const sum = new Float64Array(nc * 3);
  const count = new Uint32Array(nc);
  for (let v = 0; v < nv; v++) {
    const c = cell[v];
    sum[3 * c] += positions[3 * v];
    sum[3 * c + 1] += positions[3 * v + 1];
    sum[3 * c + 2] += positions[3 * v + 2];
    count[c]++;
  }
  const rep = new Int32Array(nc).fill(-1);
  const best = new Float64Array(nc).fill(Infinity);
  for (let v = 0; v < nv; v++) {
    const c = cell[v];
    const d = (positions[3 * v] - sum[3 * c] / count[c]) ** 2 + (positions[3 * v + 1] - sum[3 * c + 1] / count[c]) ** 2 + (positions[3 * v + 2] - sum[3 * c + 2] / count[c]) ** 2;
    if (d < best[c]) {
      best[c] = d;
      rep[c] = v;
    }
  }
  const out = new Uint32Array(indices.length);
  const seen = new Set<string>();
  let n = 0;
  for (let i = 0; i < indices.length; i += 3) {
    const a = cell[indices[i]], b = cell[indices[i + 1]], c = cell[indices[i + 2]];
    if (a === b || b === c || a === c) continue;
    // The same three cubes from several fine triangles: draw the coarse one once (same winding).
    const lo = Math.min(a, b, c);
    const key = lo === a ? `${a},${b},${c}` : lo === b ? `${b},${c},${a}` : `${c},${a},${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[n++] = rep[a];
    out[n++] = rep[b];
    out[n++] = rep[c];
  }
  return out.slice(0, n);
}
