import type { CliCommand } from '../types';
import { InputError } from '../types';
import { readNiftiFile } from '../io';
import { listValue, parseCommandArgs } from '../args';
import { intentName } from '../../../shared/nifti/index';
import { orientationCode } from '../../../shared/spaces/index';

const USAGE = `usage: contrastscope info FILE

Prints the header of a NIfTI image (.nii, .nii.gz, .hdr/.img) as JSON:
  dims           array shape as nibabel reports it, e.g. [91,109,91] or [77,92,77,2]
  pixdim         voxel sizes (then TR...) for each dimension
  datatype       stored type, e.g. "float32", "int16"
  affine         the 4x4 voxel->mm matrix in use (row-major, nested)
  affine_source  "sform", "qform" or "pixdim" (sform first, then qform, then pixdim)
  orientation    axis letters, e.g. "LAS"
  intent         {code, name, p1, p2, p3}
  range          [min, max] of the scaled values over all frames, ignoring NaN and +/-Inf (null if none)
  warnings       non-fatal problems in plain words
  version        1 or 2 (NIfTI-1 / NIfTI-2)
Exit status 2 with one line on stderr when the file cannot be read.`;

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'print a NIfTI header (dims, pixdim, datatype, affine, intent, range) as JSON',
  usage: USAGE,
  async run(argv) {
    // --probe is hidden: it reads voxel values back (used by the robustness tests).
    const p = parseCommandArgs('info', argv, { probe: { kind: 'repeat', valueName: 'i,j,k' } }, { positionals: true });
    if (p.help) {
      console.log(USAGE);
      return 0;
    }
    const files = p.positionals;
    const probes = listValue(p, 'probe').map((spec) => {
      const ijk = spec.split(',').map(Number);
      if (ijk.length < 3 || ijk.length > 4 || ijk.some((v) => !Number.isInteger(v) || v < 0)) throw new InputError(`--probe expects i,j,k or i,j,k,t (got "${spec}")`);
      return ijk;
    });
    if (files.length !== 1) throw new InputError('info: give exactly one FILE (see contrastscope info --help)');
    const img = await readNiftiFile(files[0]);
    const h = img.header;
    let min = Infinity;
    let max = -Infinity;
    const d = img.data;
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      if (v < min && v !== -Infinity) min = v;
      if (v > max && v !== Infinity) max = v;
    }
    const a = img.grid.affine;
    const out: Record<string, unknown> = {
      file: files[0],
      version: h.version,
      dims: h.dims,
      pixdim: h.pixdim.map(finiteOrNull),
      datatype: h.datatypeName,
      affine: [0, 1, 2, 3].map((r) => a.slice(r * 4, r * 4 + 4)),
      affine_source: img.affineSource,
      orientation: orientationCode(a),
      sform_code: h.sformCode,
      qform_code: h.qformCode,
      intent: { code: h.intentCode, name: intentName(h.intentCode), intent_name: h.intentName, p1: finiteOrNull(h.intentP1), p2: finiteOrNull(h.intentP2), p3: finiteOrNull(h.intentP3) },
      scl_slope: finiteOrNull(h.sclSlope),
      scl_inter: finiteOrNull(h.sclInter),
      n_frames: img.nFrames,
      range: min <= max ? [min, max] : null,
      description: h.descrip,
      warnings: img.warnings,
    };
    if (probes.length > 0) {
      const [nx, ny, nz] = img.grid.dims;
      out.probe = probes.map(([i, j, k, t = 0]) => {
        if (i >= nx || j >= ny || k >= nz || t >= img.nFrames) throw new InputError(`--probe ${i},${j},${k},${t} is outside the image (${h.dims.join('x')})`);
        return { ijk: [i, j, k, t], value: finiteOrNull(d[i + nx * (j + ny * (k + nz * t))]) };
      });
    }
    console.log(JSON.stringify(out, null, 2));
    return 0;
  },
};
