import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabelTable, LabelTableError, cleanLabelName } from '../../../shared/atlas/index';
import { missingShared, needs, sharedPath } from '../../fixtures/references';

const AAL_TXT = 'resources/atlas_aal.txt';
const HO = sharedPath('data', 'real', 'atlases');

const names = (t: ReturnType<typeof parseLabelTable>) => [...t.entries.values()].map((e) => `${e.index}:${e.name}`);

describe('parseLabelTable formats', () => {
  it('mricron .txt (index name code), CRLF: the AAL table shipped in resources/', () => {
    const t = parseLabelTable(readFileSync(AAL_TXT, 'utf8'), 'atlas_aal.txt');
    expect(t.format).toBe('mricron');
    expect(t.entries.size).toBe(116);
    expect(t.entries.get(41)!.name).toBe('Amygdala_L');
    expect(t.entries.get(42)!.name).toBe('Amygdala_R');
    expect(t.entries.get(37)!.name).toBe('Hippocampus_L');
    expect(t.entries.get(116)!.name).toBe('Vermis_10');
    expect(t.entries.get(41)!.color).toBeUndefined(); // the third column is an AAL code, not a colour
    expect(t.warnings).toEqual([]);
  });

  it('FreeSurfer LUT: index name r g b a, comments and blank lines', () => {
    const t = parseLabelTable('#$Id: FreeSurferColorLUT.txt\n\n0   Unknown   0 0 0 0\n17  Left-Hippocampus   220 216 20 0\n18\tLeft-Amygdala\t103 255 255 0\n', 'FreeSurferColorLUT.txt');
    expect(t.format).toBe('freesurfer-lut');
    expect(t.entries.get(17)).toEqual({ index: 17, name: 'Left-Hippocampus', color: [220, 216, 20] });
    expect(t.entries.get(18)).toEqual({ index: 18, name: 'Left-Amygdala', color: [103, 255, 255] });
    expect(t.entries.get(0)!.name).toBe('Unknown');
  });

  it('FSL XML: Label atlases use index as the value, Probabilistic ones index + 1', () => {
    const xml = (type: string) =>
      `<?xml version="1.0"?><atlas version="1.0"><header><name>HO</name><type>${type}</type></header><data>` +
      `<label index="0" x="48" y="94" z="35">Frontal Pole</label><label index="1" x="25" y="70" z="37">Insular Cortex &amp; more</label></data></atlas>`;
    const prob = parseLabelTable(xml('Probabilistic'), 'HarvardOxford-Cortical.xml');
    expect(names(prob)).toEqual(['1:Frontal Pole', '2:Insular Cortex & more']);
    expect(prob.warnings).toEqual([]);
    const lab = parseLabelTable(xml('Label'), 'Talairach.xml');
    expect(names(lab)).toEqual(['0:Frontal Pole', '1:Insular Cortex & more']);
    const untyped = parseLabelTable('<atlas><data><label index="4">X</label></data></atlas>', 'a.xml');
    expect(names(untyped)).toEqual(['5:X']);
    expect(untyped.warnings[0]).toMatch(/^a\.xml: no <type>/);
  });

  it('TSV with a header and colour columns (bench atlas_labels.tsv layout)', () => {
    const t = parseLabelTable('index\tname\tr\tg\tb\tseed_x\tseed_y\tseed_z\n1\tRegion_001\t199\t164\t241\t-35.0\t60.0\t4.0\n2\tRegion 002\t112\t139\t87\t19.0\t57.0\t-16.0\n', 'atlas_labels.tsv');
    expect(t.entries.get(1)).toEqual({ index: 1, name: 'Region_001', color: [199, 164, 241] });
    expect(t.entries.get(2)!.name).toBe('Region 002');
  });

  it('CSV without header, quoted names with commas, no colour', () => {
    const t = parseLabelTable('1,"Amygdala, left"\n2,Amygdala_R\n', 'rois.csv');
    expect(names(t)).toEqual(['1:Amygdala, left', '2:Amygdala_R']);
  });

  it('CSV with header name,index in another order and a colour column set', () => {
    const t = parseLabelTable('name,value,red,green,blue\nAmy,7,1,2,3\n', 'x.csv');
    expect(t.entries.get(7)).toEqual({ index: 7, name: 'Amy', color: [1, 2, 3] });
  });

  it('Harvard-Oxford one-line TSV: name k has value k, from 1', needs(missingShared('data', 'real', 'atlases')), () => {
    const sub = parseLabelTable(readFileSync(`${HO}/HOsub_CONN.tsv`, 'utf8'), 'HOsub_CONN.tsv');
    expect(sub.format).toBe('name-list');
    expect(names(sub)).toEqual(['1:Thalamus', '2:Caudate', '3:Putamen', '4:Pallidum', '5:Hippocampus', '6:Amygdala', '7:Accumbens', '8:Brainstem']);
    const cort = parseLabelTable(readFileSync(`${HO}/HOcort_CONN.tsv`, 'utf8'), 'HOcort_CONN.tsv');
    expect(cort.entries.size).toBe(48);
    expect(cort.entries.get(1)!.name).toBe('Frontal_Pole');
    expect(cort.entries.get(33)!.name).toBe('Frontal_Orbital_Cortex');
    expect(cort.entries.get(48)!.name).toBe('Occipital_Pole');
  });

  it('one name per line', () => {
    expect(names(parseLabelTable('Left Amygdala\nRight Amygdala\n', 'names.txt'))).toEqual(['1:Left Amygdala', '2:Right Amygdala']);
  });

  it('Workbench label list (name line, then index r g b a)', () => {
    const t = parseLabelTable('Region_001\n1 199 164 241 255\nRegion_002\n2 112 139 87 255\n', 'atlas_labels_wb.txt');
    expect(t.format).toBe('workbench-label-list');
    expect(t.entries.get(2)).toEqual({ index: 2, name: 'Region_002', color: [112, 139, 87] });
  });

  it('niivue JSON: {"labels": [...]} is 0-based like niivue; with I and R,G,B', () => {
    expect(names(parseLabelTable('{"labels": ["", "Amygdala_L", "Amygdala_R"]}', 'aal.json'))).toEqual(['1:Amygdala_L', '2:Amygdala_R']);
    const t = parseLabelTable('{"R":[0,255],"G":[0,10],"B":[0,20],"I":[0,41],"labels":["bg","Amygdala_L"]}', 'lut.json');
    expect(t.entries.get(41)).toEqual({ index: 41, name: 'Amygdala_L', color: [255, 10, 20] });
    expect(t.entries.get(0)!.name).toBe('bg');
  });

  it('errors name the file and say what is wrong', () => {
    expect(() => parseLabelTable('', 'empty.txt')).toThrow(/^empty\.txt: label table is empty/);
    expect(() => parseLabelTable('{"labels": 3}', 'x.json')).toThrow(/"labels" is not an array/);
    expect(() => parseLabelTable('{"labels": [1,2', 'x.json')).toThrow(/^x\.json: not valid JSON/);
    expect(() => parseLabelTable('abc 1 2\nfoo\n7 x', 'x.lut')).toThrow(/^x\.lut: line 2: expected "index name \.\.\.", found 1 column/);
    expect(() => parseLabelTable('-1 A\n70000 B\n', 'x.lut')).toThrow(LabelTableError);
    try {
      parseLabelTable('-1 A\n70000 B\n', 'x.lut');
    } catch (e) {
      expect((e as Error).message).toBe('x.lut: no usable labels found (line 1: label index -1 is negative; skipped)');
    }
    expect(() => parseLabelTable('\u0000\u0001\u0002'.repeat(100), 'colours.lut')).toThrow(/colours\.lut: not a text label table/);
  });

  it('cleanLabelName strips control and direction characters and truncates', () => {
    expect(cleanLabelName('a\u202Eb\u0000c\t d')).toEqual({ name: 'a b c d', stripped: true, truncated: false });
    const long = cleanLabelName('x'.repeat(5000));
    expect(long.truncated).toBe(true);
    expect(long.name.length).toBe(200);
  });
});
