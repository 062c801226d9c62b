/**
 * Probabilistic (4D) atlases such as Harvard-Oxford's `-prob-` maps: frame f is the probability of
 * label value f + 1 at each voxel. The readout names the most probable label with its probability;
 * ROIs are one per frame, cut at a stated probability or taken where the frame is the most probable.
 */
import type { NiftiImage } from '../nifti/types';
import { resample, sameGrid } from '../spaces/index';
import type { Grid } from '../spaces/types';
import { LabelTableError, type Atlas, type LabelTable } from './types';

/** A 4D image and its table: `data` becomes the most probable label (0 where every frame is 0). */
export function makeProbabilisticAtlas(img: NiftiImage, table: LabelTable): Atlas {
  const [nx, ny, nz] = img.grid.dims;
  const nvox = nx * ny * nz;
  const nFrames = img.nFrames;
  const frames = img.data;
  let max = 0;
  for (let i = 0; i < frames.length; i++) {
    const v = frames[i];
    if (v < 0) throw new LabelTableError(`${img.name}: a ${nFrames}-frame atlas is read as probability maps, but it has a negative value (${v})`, img.name);
    if (v > max) max = v;
  }
  if (max > 100) throw new LabelTableError(`${img.name}: a ${nFrames}-frame atlas is read as probability maps (0-1 or 0-100), but its largest value is ${max}`, img.name);
  const scale = max > 1 ? 1 / 100 : 1;
  const data = new Float32Array(nvox);
  for (let i = 0; i < nvox; i++) {
    let best = 0;
    let label = 0;
    // Ties keep the lower label value (the first frame), so the result does not depend on order of evaluation.
    for (let f = 0; f < nFrames; f++) {
      const p = frames[i + nvox * f];
      if (p > best) {
        best = p;
        label = f + 1;
      }
    }
    data[i] = label;
  }
  const warnings: string[] = [];
  const unnamed: number[] = [];
  for (let f = 1; f <= nFrames; f++) if (!table.entries.has(f)) unnamed.push(f);
  if (unnamed.length) warnings.push(`${img.name}: ${unnamed.length} of ${nFrames} frames have no name in the table (first: frame ${unnamed[0]}, label value ${unnamed[0]})`);
  return { name: img.name, grid: img.grid, data, table, warnings, prob: { data: frames, nFrames, scale } };
}

/**
 * One label of a probabilistic atlas as a mask on `target` (nearest neighbour): voxels whose
 * probability is at least `minProbability` (0..1), or with 'argmax' those where the label is the
 * most probable one.
 */
export function probabilityMask(atlas: Atlas, label: number, cut: number | 'argmax', target?: Grid): Uint8Array {
  if (!atlas.prob) throw new Error('probabilityMask needs a probabilistic atlas');
  const nvox = atlas.data.length;
  const own = new Float32Array(nvox);
  if (cut === 'argmax') {
    for (let i = 0; i < nvox; i++) own[i] = atlas.data[i] === label ? 1 : 0;
  } else if (label >= 1 && label <= atlas.prob.nFrames) {
    const frame = atlas.prob.data.subarray(nvox * (label - 1), nvox * label);
    const raw = cut / atlas.prob.scale;
    for (let i = 0; i < nvox; i++) own[i] = frame[i] > 0 && frame[i] >= raw ? 1 : 0;
  }
  const onTarget = !target || sameGrid(atlas.grid, target) ? own : resample({ grid: atlas.grid, data: own }, target, 'nearest', 0);
  const out = new Uint8Array(onTarget.length);
  for (let i = 0; i < onTarget.length; i++) out[i] = onTarget[i] !== 0 ? 1 : 0;
  return out;
}
