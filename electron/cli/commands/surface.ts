import { join } from 'node:path';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { readNiftiFile } from '../io';
import { parseCommandArgs, stringValue } from '../args';
import { checkOutputs, writeOutputs } from '../outputs';
import { cortexSurface, encodeGifti, projectToSurface, vertexNormals, type Hemisphere } from '../../../shared/mesh/index';
import { frameOf } from '../../../shared/nifti/index';
import { resourcesDir } from './demo-data';

const USAGE = `usage: contrastscope surface MAP --hemi left|right --out-mesh F.surf.gii --out-values F.func.gii [--frame N]

Builds the cortical surface of one hemisphere of the bundled template (ch2bet with AAL, the
surfaces the app's Compare "Surfaces" view shows) and projects MAP onto it:
  each vertex samples MAP along its outward normal at -3, -2, ..., +3 mm (7 steps, trilinear,
  MNI mm -> voxel through MAP's affine) and keeps the sample of largest |value| (nilearn
  vol_to_surf kind='line'); NaN where no sample falls inside MAP.
  --out-mesh    GIfTI surface: NIFTI_INTENT_POINTSET (MNI mm) + NIFTI_INTENT_TRIANGLE
  --out-values  GIfTI function file: one float32 value per vertex
  --frame N     frame of a 4D MAP (default 0)
Both outputs are written together (temp files renamed at the end); neither may be MAP.
Exit status 2 with one line on stderr for bad input.`;

export const surfaceCommand: CliCommand = {
  name: 'surface',
  summary: 'project a map onto a cortical hemisphere of the template and write GIfTI mesh + values',
  usage: USAGE,
  async run(argv) {
    const args = parseCommandArgs('surface', argv, { hemi: { kind: 'string', valueName: 'left or right' }, 'out-mesh': { kind: 'string', valueName: 'a file name' }, 'out-values': { kind: 'string', valueName: 'a file name' }, frame: { kind: 'string', valueName: 'a frame number' } }, { positionals: true });
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new InputError('surface: give exactly one MAP (see contrastscope surface --help)');
    const map = args.positionals[0];
    const hemi = stringValue(args, 'hemi');
    if (hemi !== 'left' && hemi !== 'right') throw new InputError(`surface: --hemi must be left or right${hemi ? ` (got "${hemi}")` : ''}`);
    const outMesh = stringValue(args, 'out-mesh');
    const outValues = stringValue(args, 'out-values');
    if (!outMesh || !outValues) throw new InputError('surface: give both --out-mesh F.surf.gii and --out-values F.func.gii');
    const frameText = stringValue(args, 'frame') ?? '0';
    const frame = Number(frameText);
    if (!Number.isInteger(frame) || frame < 0) throw new InputError(`surface: --frame must be a whole number of at least 0 (got "${frameText}")`);
    checkOutputs('surface', { '--out-mesh': outMesh, '--out-values': outValues }, [map]);
    const img = await readNiftiFile(map);
    if (frame >= img.nFrames) throw new InputError(`surface: ${map} has ${img.nFrames} frame(s); --frame ${frame} does not exist`);
    const res = resourcesDir();
    const t1 = await readNiftiFile(join(res, 'template_ch2bet.nii.gz'));
    const aal = await readNiftiFile(join(res, 'atlas_aal.nii.gz'));
    const mesh = cortexSurface(t1.data, aal.data, t1.grid.dims, t1.grid.affine, hemi as Hemisphere);
    const values = projectToSurface(mesh.positions, vertexNormals(mesh), img.grid, frameOf(img, frame));
    const structure = hemi === 'left' ? 'CortexLeft' : 'CortexRight';
    const meshXml = encodeGifti([
      { intent: 'NIFTI_INTENT_POINTSET', data: mesh.positions, columns: 3, meta: { AnatomicalStructurePrimary: structure, AnatomicalStructureSecondary: 'Pial', GeometricType: 'Anatomical' } },
      { intent: 'NIFTI_INTENT_TRIANGLE', data: new Int32Array(mesh.indices.buffer, mesh.indices.byteOffset, mesh.indices.length), columns: 3 },
    ], { Description: 'ContrastScope cortical surface of the bundled ch2bet template (MNI mm)' });
    const valuesXml = encodeGifti([{ intent: 'NIFTI_INTENT_NONE', data: values, columns: 1, meta: { Name: map.split(/[\\/]/).pop() ?? 'map', AnatomicalStructurePrimary: structure } }], { Description: `${map} projected: largest |value| along the normal within -3..+3 mm (7 trilinear samples)` });
    await writeOutputs((batch) => {
      batch.write(outMesh, meshXml);
      batch.write(outValues, valuesXml);
    });
    let shown = 0;
    for (const v of values) if (v === v) shown++;
    console.log(`${hemi} hemisphere: ${mesh.positions.length / 3} vertices, ${mesh.indices.length / 3} triangles; ${shown} vertices got a value; wrote ${outMesh} and ${outValues}`);
    return 0;
  },
};
