// Any atlas: ITK-SNAP tables, refusal of misfit lines, pairing files, lookup on another grid by mm,
// probabilistic (4D) atlases and the bundled Brodmann map, each checked against nibabel/numpy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  atlasStem, describeAtMm, labelAtMm, LabelTableError, makeAtlas, pairAtlasFiles, parseLabelTable, probabilityMask, resolvePreset, maskFromLabels,
} from '../../../shared/atlas/index';
import { sameGrid } from '../../../shared/spaces/index';
import type { NiftiImage } from '../../../shared/nifti/index';
import { firstMissing, missingPython, missingShared, needs, sharedPath } from '../../fixtures/references';
import { loadNifti, py } from './helpers';

const HO = sharedPath('data', 'real', 'atlases');
const missingHo = missingShared('data', 'real', 'atlases', 'HOsub_CONN.nii.gz');

const ITK = `################################################
# ITK-SnAP Label Description File
# Fields:
#    IDX:   Zero-based index
#    -R-:   Red color component (0..255)
#    VIS:   Label visibility (0 or 1)
#    MSH:   Label mesh visibility (0 or 1)
#  LABEL:   Label description
################################################
    0     0    0    0        0  0  0    "Clear Label"
    1   255    0    0        1  1  1    "Left Amygdala"
    2     0  255    0        1  1  1    "Right Amygdala"
   17   220  216   20        1  1  0    "Left-Hippocampus \\"head\\""
`;

describe('ITK-SNAP label descriptions', () => {
  it('IDX R G B A VIS MSH "LABEL": names from the quotes, colour from R G B', () => {
    const t = parseLabelTable(ITK, 'labels.txt');
    expect(t.format).toBe('itk-snap');
    expect(t.entries.get(1)).toEqual({ index: 1, name: 'Left Amygdala', color: [255, 0, 0] });
    expect(t.entries.get(2)).toEqual({ index: 2, name: 'Right Amygdala', color: [0, 255, 0] });
    expect(t.entries.get(0)!.name).toBe('Clear Label');
    expect(t.entries.get(17)!.name).toBe('Left-Hippocampus \\"head\\"');
    expect(t.warnings).toEqual([]);
  });

  it('a line that is not ITK-SNAP in an ITK-SNAP file is refused with its number', () => {
    const bad = ITK.replace('    2     0  255    0        1  1  1    "Right Amygdala"', '    2  Right_Amygdala');
    expect(() => parseLabelTable(bad, 'labels.txt')).toThrow(LabelTableError);
    expect(() => parseLabelTable(bad, 'labels.txt')).toThrow(/^labels\.txt: line 12 is not an ITK-SNAP label line \(expected IDX R G B A VIS MSH "LABEL"/);
  });
});

describe('label lines that do not fit the format are refused, never read into wrong names', () => {
  const refused = (text: string, file: string, re: RegExp) => {
    let err: unknown;
    try {
      parseLabelTable(text, file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LabelTableError);
    expect((err as Error).message).toMatch(re);
  };
  it('a numeric name (index followed by colour channels, e.g. ITK-SNAP without quotes)', () => {
    refused('1 255 0 0 1 1 1 Left\n', 'x.txt', /^x\.txt: line 1: the name "255" is a number/);
  });
  it('mricron "index name code" whose name has a space', () => {
    refused('1 Precentral_L 2001\n2 Left Amygdala\n', 'aal.txt', /^aal\.txt: line 2: the third column "Amygdala" is not a number/);
  });
  it('FreeSurfer LUT whose colour is not a number, or with too many columns', () => {
    refused('0 Unknown 0 0 0 0\n17 Left-Hippocampus 220 x 20 0\n', 'lut.txt', /^lut\.txt: line 2: colour values "220" "x" "20" are not numbers/);
    refused('0 Unknown 0 0 0 0\n17 Left Hippocampus 220 216 20 0\n', 'lut.txt', /^lut\.txt: line 2: 7 columns where "index name r g b a" has 6/);
  });
  it('the same files with tabs between columns are read', () => {
    const t = parseLabelTable('1\tPrecentral_L\t2001\n2\tLeft Amygdala\t2002\n', 'aal.txt');
    expect(t.entries.get(2)!.name).toBe('Left Amygdala');
  });
  it('the error carries the line number for the UI', () => {
    try {
      parseLabelTable('1 A 0 0 0 0\n2 B 0 0\n', 'c.lut');
    } catch (e) {
      expect((e as LabelTableError).line).toBe(2);
      expect((e as LabelTableError).fileName).toBe('c.lut');
    }
  });
});

describe('pairAtlasFiles', () => {
  const pair = (names: string[]) => {
    const p = pairAtlasFiles(names, (n) => n);
    return { atlases: p.atlases.map((a) => `${a.image}+${a.labels}`), rest: p.rest };
  };
  it('by stem: .nii.gz with .tsv, aal.nii.gz with aal.nii.txt; other files stay', () => {
    expect(atlasStem('/x/HOsub_CONN.nii.gz')).toBe('hosub_conn');
    expect(atlasStem('aal.nii.txt')).toBe('aal');
    expect(pair(['HOsub_CONN.nii.gz', 'HOcort_CONN.tsv', 'HOcort_CONN.nii.gz', 'HOsub_CONN.tsv', 'spmT_0001.nii'])).toEqual({
      atlases: ['HOsub_CONN.nii.gz+HOsub_CONN.tsv', 'HOcort_CONN.nii.gz+HOcort_CONN.tsv'],
      rest: ['spmT_0001.nii'],
    });
    expect(pair(['aal.nii.gz', 'aal.nii.txt'])).toEqual({ atlases: ['aal.nii.gz+aal.nii.txt'], rest: [] });
  });
  it('one image and one table with different names go together; otherwise nothing is guessed', () => {
    expect(pair(['HarvardOxford-sub-prob-2mm.nii.gz', 'HarvardOxford-Subcortical.xml']).atlases).toEqual(['HarvardOxford-sub-prob-2mm.nii.gz+HarvardOxford-Subcortical.xml']);
    expect(pair(['a.nii.gz', 'b.nii.gz', 'c.xml'])).toEqual({ atlases: [], rest: ['a.nii.gz', 'b.nii.gz', 'c.xml'] });
    expect(pair(['spmT_0001.nii'])).toEqual({ atlases: [], rest: ['spmT_0001.nii'] });
  });
});

function hoAtlas(which: 'sub' | 'cort') {
  return makeAtlas(loadNifti(`${HO}/HO${which}_CONN.nii.gz`), parseLabelTable(readFileSync(`${HO}/HO${which}_CONN.tsv`, 'utf8'), `HO${which}_CONN.tsv`));
}

const POINTS: [number, number, number][] = [[-24, -4, -18], [24, -4, -18], [-10, -90, 0], [-40, 30, 20], [-50, -20, 10], [12, -18, 8], [-30, 0, 0]];

describe('Harvard-Oxford (1.5 mm LAS grid) named by mm on its own grid', needs(firstMissing(missingHo, missingPython(['numpy', 'nibabel']))), () => {
  it('labelAtMm equals nibabel: the nearest voxel of inv(affine) @ mm', () => {
    for (const which of ['sub', 'cort'] as const) {
      const atlas = hoAtlas(which);
      const ours = POINTS.map((p) => labelAtMm(atlas, p)?.index ?? 0);
      const ref = py<number[]>(`
import nibabel as nib, numpy as np, json
a=nib.load('${HO}/HO${which}_CONN.nii.gz'); d=np.asarray(a.dataobj)
out=[]
for p in ${JSON.stringify(POINTS)}:
    i,j,k=np.rint(np.linalg.solve(a.affine,[*p,1])[:3]).astype(int)
    out.append(int(d[i,j,k]))
print(json.dumps(out))`);
      expect(ours).toEqual(ref);
    }
    const sub = hoAtlas('sub');
    expect(labelAtMm(sub, [-24, -4, -18])).toEqual({ index: 6, name: 'Amygdala' });
    // The grid's x runs right to left: reading it as the template's grid would name another place.
    expect(labelAtMm(hoAtlas('cort'), [-50, -20, 10])!.name).toBe('Heschls_Gyrus_(includes_H1_and_H2)');
  });
});

/** A 4D probabilistic atlas on a 3x1x1 grid, 1 mm, x = 0..2; frames are labels 1 and 2 (FSL 0-100). */
function probImage(frames: number[][], name = 'HarvardOxford-sub-prob-1mm.nii.gz'): NiftiImage {
  return {
    name,
    header: {} as NiftiImage['header'],
    grid: { dims: [3, 1, 1], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] },
    affineSource: 'sform',
    nFrames: frames.length,
    data: Float32Array.from(frames.flat()),
    warnings: [],
  };
}

const HO_XML = `<?xml version="1.0"?><atlas><header><name>Harvard-Oxford Subcortical</name><type>Probabilistic</type></header><data>
<label index="0" x="0" y="0" z="0">Left Amygdala</label><label index="1" x="0" y="0" z="0">Left Hippocampus</label></data></atlas>`;

describe('probabilistic (4D) atlases', () => {
  const table = parseLabelTable(HO_XML, 'HarvardOxford-Subcortical.xml');
  const atlas = makeAtlas(probImage([[62, 10, 0], [30, 55, 0]]), table);

  it('names the most probable label with its probability', () => {
    expect(atlas.prob!.nFrames).toBe(2);
    expect(atlas.prob!.scale).toBe(0.01);
    expect([...atlas.data]).toEqual([1, 2, 0]);
    expect(describeAtMm(atlas, [0, 0, 0])).toBe('Left Amygdala (62%)');
    expect(describeAtMm(atlas, [1, 0, 0])).toBe('Left Hippocampus (55%)');
    expect(describeAtMm(atlas, [2, 0, 0])).toBeNull();
    expect(labelAtMm(atlas, [0.4, 0, 0])).toEqual({ index: 1, name: 'Left Amygdala', probability: 0.62 });
  });

  it('0-1 maps are read as fractions; values outside 0-100 are refused', () => {
    const frac = makeAtlas(probImage([[0.62, 0.1, 0], [0.3, 0.55, 0]]), table);
    expect(frac.prob!.scale).toBe(1);
    expect(describeAtMm(frac, [0, 0, 0])).toBe('Left Amygdala (62%)');
    expect(() => makeAtlas(probImage([[620, 0, 0], [0, 0, 0]]), table)).toThrow(/a 2-frame atlas is read as probability maps \(0-1 or 0-100\), but its largest value is 620/);
  });

  it('one ROI per label: by a probability cut (overlapping) or by argmax (disjoint)', () => {
    expect([...probabilityMask(atlas, 1, 0.25)]).toEqual([1, 0, 0]);
    expect([...probabilityMask(atlas, 2, 0.25)]).toEqual([1, 1, 0]);
    expect([...probabilityMask(atlas, 1, 0.05)]).toEqual([1, 1, 0]);
    expect([...probabilityMask(atlas, 2, 'argmax')]).toEqual([0, 1, 0]);
    expect(resolvePreset(atlas, 'amygdala_L')!.indices).toEqual([1]);
  });
});

describe('bundled Brodmann areas (resources/, from mricron-data)', needs(missingPython(['numpy', 'nibabel'])), () => {
  const ba = makeAtlas(loadNifti('resources/atlas_brodmann.nii.gz'), parseLabelTable(readFileSync('resources/atlas_brodmann.tsv', 'utf8'), 'atlas_brodmann.tsv'));
  it('is on the template grid, every value has a name, and names match nibabel at known points', () => {
    expect(sameGrid(ba.grid, loadNifti('resources/template_ch2.nii.gz').grid)).toBe(true);
    expect(ba.warnings).toEqual([]);
    const ref = py<number[]>(`
import nibabel as nib, numpy as np, json
a=nib.load('resources/atlas_brodmann.nii.gz'); d=np.asarray(a.dataobj)
out=[]
for p in ${JSON.stringify(POINTS)}:
    i,j,k=np.rint(np.linalg.solve(a.affine,[*p,1])[:3]).astype(int)
    out.append(int(d[i,j,k]))
print(json.dumps(out))`);
    expect(POINTS.map((p) => labelAtMm(ba, p)?.index ?? 0)).toEqual(ref);
    expect(labelAtMm(ba, [-10, -90, 0])!.name).toBe('Brodmann area 17');
    let n = 0;
    for (const v of maskFromLabels(ba, [17])) n += v;
    expect(n).toBeGreaterThan(10000);
  });
});
