import { basename } from 'node:path';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { expandPaths, readNiftiFile, readTextFile } from '../io';
import { flagValue, listValue, numberValue, parseCommandArgs, stringValue, type OptionSpec } from '../args';
import { checkOutputs, writeOutputs } from '../outputs';
import {
  ROI_PRESETS,
  atlasOnGrid,
  csvRow,
  labelStats,
  makeAtlas,
  maskFromLabelData,
  parseLabelTable,
  probabilityMask,
  resolvePreset,
  roiStats,
  type Atlas,
} from '../../../shared/atlas/index';
import type { Grid } from '../../../shared/spaces/types';

const USAGE = `usage: contrastscope roi MAP... --atlas FILE --labels FILE --csv OUT [--roi NAME...]
                      [--prob-threshold P | --argmax]

Mean, SD (n - 1) and voxel count of each map in atlas regions. NaN voxels are left out.
  MAP...         NIfTI maps (globs allowed); a 4D map gives one row per frame (map = name#frame)
  --atlas FILE   label image (e.g. resources/atlas_aal.nii.gz); resampled (nearest neighbour)
                 onto each map's grid when the grids differ, which is stated on stderr
  --labels FILE  label table: mricron .txt/.lut, FSL .xml, FreeSurfer LUT, ITK-SNAP, .tsv/.csv, niivue .json;
                 a line that does not fit its format refuses the file (exit 2, naming the line)
  --roi NAME...  label names (exact, then ignoring case), label values, or presets:
                 ${ROI_PRESETS.map((p) => p.id).join(', ')}
                 Default: every named label.
  --prob-threshold P  4D (probabilistic) atlases, e.g. Harvard-Oxford's -prob- maps, where
                 frame f is the probability of label value f + 1: each ROI is the voxels whose
                 probability is at least P percent (default 25). Regions may overlap.
  --argmax       4D atlases: each ROI is the voxels where its label is the most probable one
                 (and above 0); regions do not overlap. Either option on a 3D atlas: exit 2.
  --csv OUT      output CSV, written atomically; columns:
                 map,roi,label_index,n_voxels,mean,sd
                 one row per map x ROI; map = file name; label_index = the label value, or
                 the values joined with ';' for presets; mean/sd are NaN for an empty ROI.
Presets are found by label name, so they work on any atlas with those names (AAL,
Harvard-Oxford...). On atlases whose labels cover both hemispheres (Harvard-Oxford subcortical)
the _L/_R presets keep voxels with x < 0 / x > 0 in mm.`;

interface Roi {
  name: string;
  labelIndex: string;
  indices: number[];
  hemisphere: 'L' | 'R' | null;
}

const OPTIONS: Record<string, OptionSpec> = {
  atlas: { kind: 'string' },
  labels: { kind: 'string' },
  csv: { kind: 'string' },
  roi: { kind: 'list' },
  'prob-threshold': { kind: 'string', valueName: 'a percentage' },
  argmax: { kind: 'flag' },
};

/** Default cut for probabilistic atlases, in percent (FSL's atlasquery users often pick 25). */
export const DEFAULT_PROB_THRESHOLD = 25;

function parseArgs(argv: string[]) {
  const p = parseCommandArgs('roi', argv, OPTIONS, { positionals: true });
  if (p.help) return null;
  const maps = p.positionals;
  const atlas = stringValue(p, 'atlas') ?? '';
  const labels = stringValue(p, 'labels') ?? '';
  const csv = stringValue(p, 'csv') ?? '';
  if (maps.length === 0) throw new InputError('roi: give at least one MAP (see contrastscope roi --help)');
  if (!atlas || !labels || !csv) throw new InputError('roi: --atlas, --labels and --csv are required (see contrastscope roi --help)');
  const cutText = stringValue(p, 'prob-threshold');
  const argmax = flagValue(p, 'argmax');
  if (cutText !== undefined && argmax) throw new InputError('roi: give --prob-threshold or --argmax, not both');
  const cut = cutText === undefined ? null : numberValue('roi', 'prob-threshold', cutText, 'a percentage above 0 and at most 100');
  if (cut !== null && !(cut > 0 && cut <= 100)) throw new InputError(`roi: --prob-threshold expects a percentage above 0 and at most 100 (got "${cutText}")`);
  return { maps, rois: listValue(p, 'roi'), atlas, labels, csv, cut, argmax };
}

function resolveRois(atlas: Atlas, names: string[], labelsFile: string): Roi[] {
  const entries = [...atlas.table.entries.values()].filter((e) => e.index !== 0);
  if (names.length === 0) return entries.sort((a, b) => a.index - b.index).map((e) => ({ name: e.name, labelIndex: String(e.index), indices: [e.index], hemisphere: null }));
  return names.map((n) => {
    // Exact label name, then preset id (amygdala_L), then label name ignoring case, then label value.
    const byName = entries.find((e) => e.name === n);
    if (byName) return { name: byName.name, labelIndex: String(byName.index), indices: [byName.index], hemisphere: null };
    if (ROI_PRESETS.some((p) => p.id.toLowerCase() === n.toLowerCase())) {
      const r = resolvePreset(atlas, n);
      if (!r) throw new InputError(`roi: preset ${n} matches no label in ${labelsFile}`);
      return { name: r.id, labelIndex: r.indices.join(';'), indices: r.indices, hemisphere: r.hemisphere };
    }
    const byLower = entries.find((e) => e.name.toLowerCase() === n.toLowerCase());
    if (byLower) return { name: byLower.name, labelIndex: String(byLower.index), indices: [byLower.index], hemisphere: null };
    if (/^\d+$/.test(n)) {
      const v = Number(n);
      const e = atlas.table.entries.get(v);
      return { name: e?.name ?? `label ${v}`, labelIndex: String(v), indices: [v], hemisphere: null };
    }
    throw new InputError(`roi: no label or preset named "${n}" in ${labelsFile}; presets: ${ROI_PRESETS.map((p) => p.id).join(', ')}`);
  });
}

/** Union of the ROI's labels' probability masks on `grid`, then the hemisphere cut by x. */
function probabilisticRoi(atlas: Atlas, roi: Roi, cut: number | 'argmax', grid: Grid): Uint8Array {
  const union = new Float32Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  for (const k of roi.indices) {
    const m = probabilityMask(atlas, k, cut, grid);
    for (let i = 0; i < m.length; i++) if (m[i]) union[i] = 1;
  }
  return maskFromLabelData(grid, union, [1], roi.hemisphere);
}

function gridKey(g: Grid): string {
  return `${g.dims.join('x')}|${g.affine.map((v) => v.toFixed(4)).join(',')}`;
}

export const roiCommand: CliCommand = {
  name: 'roi',
  summary: 'mean, SD and voxel count of maps in atlas regions or presets (amygdala_L, ...) -> CSV',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv);
    if (!args) {
      console.log(USAGE);
      return 0;
    }
    const mapFiles = expandPaths(args.maps);
    checkOutputs('roi', { '--csv': args.csv }, [...mapFiles, args.atlas, args.labels]);
    const table = parseLabelTable(readTextFile(args.labels), basename(args.labels));
    for (const w of table.warnings) console.error(`roi: warning: ${w}`);
    const atlas = makeAtlas(await readNiftiFile(args.atlas), table);
    for (const w of atlas.warnings ?? []) console.error(`roi: warning: ${w}`);
    // A 4D atlas is never read as a label image: one ROI per frame, by a stated rule.
    const probCut: number | 'argmax' | null = atlas.prob ? (args.argmax ? 'argmax' : (args.cut ?? DEFAULT_PROB_THRESHOLD) / 100) : null;
    if (!atlas.prob && (args.argmax || args.cut !== null)) {
      throw new InputError(`roi: --prob-threshold and --argmax are for 4D (probabilistic) atlases; ${basename(args.atlas)} has one frame`);
    }
    if (atlas.prob) {
      const rule = probCut === 'argmax' ? 'voxels where the label is the most probable (--argmax)' : `voxels with probability >= ${(probCut as number) * 100}% (--prob-threshold)`;
      console.error(`roi: ${basename(args.atlas)} has ${atlas.prob.nFrames} frames: read as a probabilistic atlas (frame f = label value f + 1); each ROI is its ${rule}`);
    }
    const rois = resolveRois(atlas, args.rois, basename(args.labels));
    for (const r of rois) if (r.hemisphere) console.error(`roi: ${r.name}: labels ${r.labelIndex} cover both hemispheres; keeping voxels with x ${r.hemisphere === 'L' ? '< 0' : '> 0'} mm`);
    const maxLabel = Math.max(0, ...rois.flatMap((r) => r.indices));
    const onGrid = new Map<string, { grid: Grid; data: Float32Array }>();
    const lines = ['map,roi,label_index,n_voxels,mean,sd'];
    for (const file of mapFiles) {
      const img = await readNiftiFile(file);
      const key = gridKey(img.grid);
      let lab = onGrid.get(key);
      if (!lab) {
        const r = atlasOnGrid(atlas, img.grid);
        if (r.resampled) console.error(`roi: atlas ${basename(args.atlas)} resampled (nearest neighbour) onto the grid of ${basename(file)} (${img.grid.dims.join('x')})`);
        lab = { grid: r.grid, data: r.data };
        onGrid.set(key, lab);
      }
      const nvox = img.grid.dims[0] * img.grid.dims[1] * img.grid.dims[2];
      const masks = new Map<Roi, Uint8Array>();
      for (let t = 0; t < img.nFrames; t++) {
        const frame = img.data.subarray(t * nvox, (t + 1) * nvox);
        const mapName = img.nFrames > 1 ? `${basename(file)}#${t + 1}` : basename(file);
        // Single labels: one pass over the map for all of them; presets: a mask each.
        const singles = !atlas.prob && rois.some((r) => r.indices.length === 1 && !r.hemisphere) ? labelStats(frame, lab.data, maxLabel) : null;
        for (const roi of rois) {
          let s: { mean: number; sd: number; n: number };
          if (singles && roi.indices.length === 1 && !roi.hemisphere) {
            const k = roi.indices[0];
            s = k >= 1 && k <= maxLabel ? { mean: singles.mean[k], sd: singles.sd[k], n: singles.n[k] } : { mean: NaN, sd: NaN, n: 0 };
          } else {
            let m = masks.get(roi);
            if (!m) {
              m = probCut !== null ? probabilisticRoi(atlas, roi, probCut, img.grid) : maskFromLabelData(lab.grid, lab.data, roi.indices, roi.hemisphere);
              masks.set(roi, m);
            }
            s = roiStats(frame, m);
          }
          lines.push(csvRow([mapName, roi.name, roi.labelIndex, s.n, s.mean, s.sd]));
        }
      }
    }
    await writeOutputs((out) => out.write(args.csv, lines.join('\n') + '\n'));
    console.error(`roi: wrote ${lines.length - 1} rows (${mapFiles.length} map(s) x ${rois.length} ROI(s)) to ${args.csv}`);
    return 0;
  },
};
