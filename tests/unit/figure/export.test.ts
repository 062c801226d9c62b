import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';
import UTIF from 'utif2';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPanel, exportFigure, mmToPt, newFigure, pngInfo, prepareFigure, surfaceLayout, type FigureSources, type NewPanel, type SurfaceCaptureRequest, type SurfacePanel } from '../../../shared/figure/index';
import { initRaster } from '../../../shared/figure/raster';
import { emptyScene, parseSceneJson, SCENE_VERSION } from '../../../shared/scene/index';
import type { Study } from '../../../shared/study/types';

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const fonts = { regular: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans-Bold.ttf'))) };

// A small synthetic study on a 4 mm MNI grid: a brain-shaped ellipsoid template, and MDMA lowering
// values in a blob around (20, 0, -10): a known negative cluster.
const dims: [number, number, number] = [40, 50, 40];
const grid = { dims, affine: [4, 0, 0, -80, 0, 4, 0, -116, 0, 0, 4, -70, 0, 0, 0, 1] };
const n = dims[0] * dims[1] * dims[2];
const mm = (i: number) => {
  const x = i % dims[0];
  const y = Math.floor(i / dims[0]) % dims[1];
  const z = Math.floor(i / (dims[0] * dims[1]));
  return [x * 4 - 80, y * 4 - 116, z * 4 - 70];
};
const template = new Float32Array(n);
for (let i = 0; i < n; i++) {
  const [x, y, z] = mm(i);
  template[i] = (x / 70) ** 2 + ((y + 18) / 95) ** 2 + ((z - 12) / 70) ** 2 < 1 ? 100 : 0;
}
let s = 3;
const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
const subjects = Array.from({ length: 12 }, (_, k) => `sub-${k + 1}`);
const maps = (effect: number) =>
  subjects.map(() => {
    const m = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (!template[i]) continue;
      const [x, y, z] = mm(i);
      const blob = Math.exp(-((x - 20) ** 2 + y ** 2 + (z + 10) ** 2) / 200);
      m[i] = 50 + noise() * 2 + effect * blob;
    }
    return m;
  });
const study: Study = { id: 's', name: 'Simulated test', simulated: true, notice: 'Simulated demo: not real data', root: '/x', subjects, conditions: ['MDMA', 'placebo'], measures: [{ id: 'cbf', label: 'CBF', kind: 'cbf', units: 'ml/100g/min', files: [] }], design: 'paired' };
const byCond = { MDMA: maps(-8), placebo: maps(0) };
const sources: FigureSources = {
  template: { grid, data: template },
  templateName: 'test ellipsoid',
  templateFile: 'template_test.nii',
  atlas: null,
  atlasName: '',
  study,
  measureMaps: async () => ({ grid, subjects, maps: byCond }),
  layer: async () => {
    throw new Error('no layers');
  },
};
const contrast = { measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', direction: 'A-B' as const, statistic: 'paired-t' as const, threshold: { mode: 'p-unc' as const, value: 0.001, sided: 2 as const, minExtentVoxels: 5 }, connectivity: 26 as const, fwe: null };
const panels: NewPanel[] = [
  { kind: 'slices', title: '', span: 2, content: 'contrast', contrast, layerIds: [], plane: 'axial', mode: 'mosaic', coords: [], count: 5, autoCoords: true, outlines: false, radiological: false },
  { kind: 'glass', title: '', span: 1, content: 'contrast', contrast, layerIds: [], display: 'ortho', radiological: false },
  { kind: 'roi', title: '', span: 1, contrast, roi: { id: 'r', name: 'Sphere', source: { type: 'sphere', centerMm: [20, 0, -10], radiusMm: 8 } } },
];
let fig = newFigure([], 'Test figure', { kind: 'demo', seed: 1 });
for (const p of panels) fig = addPanel([fig], fig.id, p)[0];
fig = { ...fig, page: { ...fig.page, widthMm: 89, dpi: 200 } };

beforeAll(async () => {
  await initRaster(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
});

describe('figure export', () => {
  it('SVG is well-formed, with the labels, threshold and notice as text and the pictures embedded', async () => {
    const prep = await prepareFigure(fig, sources);
    const c = [...prep.contrasts.values()][0];
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows[0].sign).toBe(-1);
    const r = await exportFigure(fig, prep, 'svg', { fonts, version: '9.9.9' });
    const svg = new TextDecoder().decode(r.bytes);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(doc.svg['@_width']).toBe('89mm');
    const texts = (doc.svg.text as ({ '#text': string | number } | string)[]).map((t) => String(typeof t === 'object' ? t['#text'] : t));
    for (const want of ['A', 'B', 'C', 'z = −30'.slice(0, 3)]) expect(texts.some((t) => t.startsWith(want))).toBe(true);
    expect(texts.some((t) => t.includes('MDMA − placebo'))).toBe(true);
    expect(svg).toContain('p &lt; 0.001');
    expect(svg).toContain('Simulated demo: not real data');
    expect((doc.svg.image as unknown[]).length).toBe(5 + 3);
    expect(r.legend).toMatch(/Threshold: .*p < 0\.001/);
    expect(r.legend).toMatch(/Correction: none \(uncorrected p < 0\.001\)/);
    expect(r.legend).toMatch(/n = 12 subjects/);
    expect(r.legend).toMatch(/dof = 11/);
    expect(r.legend).toMatch(/Minimum cluster extent: 5 voxels/);
    expect(r.legend).toMatch(/ContrastScope 9\.9\.9/);
  });

  it('PNG has the DPI in pHYs and width_mm / 25.4 x DPI pixels, the same bytes twice; TIFF has deflate and resolution tags', async () => {
    const prep = await prepareFigure(fig, sources);
    const a = await exportFigure(fig, prep, 'png', { fonts, version: 'x' });
    const b = await exportFigure(fig, await prepareFigure(fig, sources), 'png', { fonts, version: 'x' });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const info = pngInfo(a.bytes);
    expect(info.width).toBe(Math.round((89 / 25.4) * 200));
    expect(info.dpiX).toBeCloseTo(200, 1);
    expect(info.height).toBe(Math.round((a.heightMm / 25.4) * 200));
    const t = await exportFigure(fig, prep, 'tiff', { fonts, version: 'x' });
    const [ifd] = UTIF.decode((t.bytes.buffer.slice(t.bytes.byteOffset, t.bytes.byteOffset + t.bytes.byteLength) as ArrayBuffer));
    expect(ifd.t259).toEqual([8]);
    expect(ifd.t282).toEqual([[200, 1]]);
    expect(ifd.t283).toEqual([[200, 1]]);
    expect(ifd.t296).toEqual([2]);
    UTIF.decodeImage((t.bytes.buffer.slice(t.bytes.byteOffset, t.bytes.byteOffset + t.bytes.byteLength) as ArrayBuffer), ifd);
    expect(ifd.width).toBe(info.width);
    const rgba = UTIF.toRGBA8(ifd);
    // TIFF pixels equal the PNG's (the same raster): check the centre pixel of the first slice
    expect(rgba.length).toBe(info.width * info.height * 4);
    expect(t.bytes.length).toBeLessThan(info.width * info.height * 3 * 0.5);
  });

  it('PDF is one page of the requested size with the fonts embedded', async () => {
    const prep = await prepareFigure(fig, sources);
    const r = await exportFigure(fig, prep, 'pdf', { fonts, version: 'x' });
    const doc = await PDFDocument.load(r.bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.abs(width - mmToPt(89))).toBeLessThan(0.5);
    expect(Math.abs(height - mmToPt(r.heightMm))).toBeLessThan(0.5);
    expect(Buffer.from(r.bytes).toString('latin1')).toMatch(/FontFile2/);
  });
});

describe('matrix panel', () => {
  it('draws every off-diagonal cell as a vector rect with the node names as text', async () => {
    const names = ['Amygdala_L', 'Amygdala_R', 'Hippocampus_L'];
    const mat = (shift: number, k: number) => ({ n: 3, values: Float64Array.from([1, 0.2 + shift + k * 0.01, 0.1, 0.2 + shift + k * 0.01, 1, 0.3, 0.1, 0.3, 1]), warnings: [] });
    const conn = { id: 'conn', label: 'connectivity (Fisher z)', kind: 'connectivity-matrix' as const, units: 'z', files: [] };
    const src: FigureSources = { ...sources, study: { ...study, measures: [...study.measures, conn] }, matrices: async () => ({ names, matrices: { MDMA: subjects.map((_, k) => mat(0.2, k % 3)), placebo: subjects.map((_, k) => mat(0, (k + 1) % 3)) } }) };
    let f = newFigure([], 'M');
    f = addPanel([f], f.id, { kind: 'matrix', title: '', span: 1, measureId: 'conn', conditionA: 'MDMA', conditionB: 'placebo', show: 'difference' })[0];
    const prep = await prepareFigure(f, src);
    const m = [...prep.matrices.values()][0];
    // edge 0-1: mean MDMA − mean placebo = 0.2 (the per-subject offsets cancel on average: both sides cycle 0, 1, 2)
    expect(m.values[1]).toBeCloseTo(0.2, 6);
    expect(m.values[2]).toBeCloseTo(0, 6);
    const svg = new TextDecoder().decode((await exportFigure(f, prep, 'svg', { fonts, version: 'x' })).bytes);
    for (const n of names) expect(svg.split(`>${n}</text>`).length - 1).toBe(2);
    const cells = svg.match(/<rect [^>]*fill="#[0-9a-f]{6}"\/>/g)!.length;
    expect(cells).toBeGreaterThanOrEqual(6);
  });
});

describe('figures in scene files', () => {
  it('round-trips figures through the scene file', () => {
    const scene = { ...emptyScene(), figures: [fig] };
    const back = parseSceneJson(JSON.stringify(scene), 'a.json');
    expect(back.ok && back.scene.figures).toEqual([fig]);
  });

  it('reads a version-1 scene as one with no figures, and names a bad figure', () => {
    const v1 = { version: 1, layers: [], view: { sliceType: 'axial', radiological: false, crosshairMm: [0, 0, 0], zoom: 1 }, views: [] };
    const r = parseSceneJson(JSON.stringify(v1), 'old.json');
    expect(r.ok && r.scene.version).toBe(SCENE_VERSION);
    expect(r.ok && r.scene.figures).toEqual([]);
    const bad = { ...emptyScene(), figures: [{ ...fig, page: { ...fig.page, dpi: 5000 } }] };
    const rb = parseSceneJson(JSON.stringify(bad), 'bad.json');
    expect(rb.ok).toBe(false);
    expect(!rb.ok && rb.message).toMatch(/^bad\.json: figures\[1\]\.page\.dpi/);
  });
});

describe('3D surface panel', () => {
  const surfacePanel: NewPanel = { kind: 'surface', title: '', span: 2, contrast, rows: ['conditionA', 'contrast'], views: ['left-lateral', 'right-lateral'], camera: { yaw: 0.3, pitch: -0.2, zoom: 1.5 } };
  const fig3d = { ...addPanel([{ ...fig, panels: [] }], fig.id, surfacePanel)[0], columns: 2 };

  it('stores what to draw, and asks the capture for the panel size times the DPI with the slices\' cut and colours', async () => {
    const requests: SurfaceCaptureRequest[] = [];
    const src: FigureSources = {
      ...sources,
      capture3d: async (req) => {
        if (req.kind === 'surface') requests.push(req);
        return { rgba: new Uint8Array(req.pxW * req.pxH * 4).fill(128), pxW: req.pxW, pxH: req.pxH };
      },
    };
    const saved = parseSceneJson(JSON.stringify({ ...emptyScene(), version: SCENE_VERSION, figures: [fig3d] }), 's.json');
    expect(saved.ok && saved.scene.figures[0].panels[0]).toMatchObject({ kind: 'surface', camera: { yaw: 0.3, pitch: -0.2, zoom: 1.5 }, views: ['left-lateral', 'right-lateral'] });
    const prep = await prepareFigure(fig3d, src);
    const r = await exportFigure(fig3d, prep, 'svg', { fonts, version: '9.9.9' });
    expect(requests).toHaveLength(1);
    const q = requests[0];
    const c = [...prep.contrasts.values()][0];
    const l = surfaceLayout(fig3d.panels[0] as SurfacePanel, mmToPt(89 - 4), 7);
    expect(q.pxW).toBe(Math.round((mmToPt(89 - 4) / 72) * 200));
    expect(q.pxH).toBe(Math.round((l.imageH / 72) * 200));
    expect(q.cut).toBe(c.colours.pos);
    expect(q.twoSided).toBe(true);
    expect(q.rows.map((x) => x.kind)).toEqual(['mean', 'stat']);
    expect(q.rows[0].volume).toBe(c.meanA);
    expect(q.camera).toEqual({ yaw: 0.3, pitch: -0.2, zoom: 1.5 });
    const svg = new TextDecoder().decode(r.bytes);
    expect(svg).toMatch(/<image[^>]*width="[\d.]+"/);
    expect(svg).toMatch(/<text[^>]*>left lateral<\/text>/);
    expect(svg).toMatch(/<text[^>]*>mean, MDMA<\/text>/);
    expect(r.legend).toMatch(/cortical surfaces of the template.*views: left lateral, right lateral; camera yaw 0\.30 rad/);
  });

  it('says so when no WebGL capture is available', async () => {
    const prep = await prepareFigure(fig3d, sources);
    const r = await exportFigure(fig3d, prep, 'svg', { fonts, version: '9.9.9' });
    expect(new TextDecoder().decode(r.bytes)).toMatch(/3D surfaces need WebGL/);
  });
});
