// contrastscope render on a scene whose figure shows a statistic map opened by path.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNifti } from '../../shared/nifti/index';
import { pngInfo } from '../../shared/figure/png';
import { cliAsync } from './cli-run';

const dir = mkdtempSync(join(tmpdir(), 'render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A t map on the MNI 2 mm grid: +6 in a blob at (30, -20, 10), -5 at (-30, 10, 0).
const dims: [number, number, number] = [91, 109, 91];
const affine = [2, 0, 0, -90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
const data = new Float32Array(dims[0] * dims[1] * dims[2]);
for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
  const [x, y, z] = [i * 2 - 90, j * 2 - 126, k * 2 - 72];
  const a = Math.exp(-((x - 30) ** 2 + (y + 20) ** 2 + (z - 10) ** 2) / 60);
  const b = Math.exp(-((x + 30) ** 2 + (y - 10) ** 2 + z ** 2) / 60);
  data[i + dims[0] * (j + dims[1] * k)] = 6 * a - 5 * b;
}
const statPath = join(dir, 'tstat1.nii');
writeFileSync(statPath, writeNifti({ dims, affine, data }));

const layer = {
  id: 'L1', name: 'tstat1', source: { type: 'file', path: statPath }, kind: 'stat', visible: true, opacity: 1, colormap: 'warm', colormapNeg: 'winter',
  thresholds: { pos: 3, neg: -3 }, range: { min: -6, max: 6 }, frame: 0, nFrames: 1, grid: { dims, affine }, resampled: false, notes: [], warnings: [], dof: 20, dataRange: { min: -5, max: 6 },
};
const figure = {
  id: 'f1', name: 'Layers', page: { widthMm: 89, heightMm: null, dpi: 300, fontPt: 7, background: 'white' }, columns: 1, colorbar: 'shared', study: null, caption: 'Test map.',
  panels: [
    { id: 'p1', kind: 'slices', content: 'layers', contrast: null, layerIds: ['L1'], plane: 'axial', mode: 'mosaic', coords: [0, 10], autoCoords: false, count: 2 },
    { id: 'p2', kind: 'glass', content: 'layers', contrast: null, layerIds: ['L1'] },
  ],
};
const scene = { version: 2, layers: [layer], view: { sliceType: 'axial', radiological: false, crosshairMm: [0, 0, 0], zoom: 1, atlasOutline: true }, views: [], figures: [figure] };
const scenePath = join(dir, 'scene.json');
writeFileSync(scenePath, JSON.stringify(scene));

describe('contrastscope render', () => {
  it('renders a PNG of 89 mm at 300 dpi with the legend beside it, the same bytes twice', async () => {
    const out1 = join(dir, 'a.png');
    const out2 = join(dir, 'b.png');
    const [r1, r2] = await Promise.all([cliAsync(['render', scenePath, '--out', out1]), cliAsync(['render', scenePath, '--out', out2])]);
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    const a = readFileSync(out1);
    expect(a.equals(readFileSync(out2))).toBe(true);
    const info = pngInfo(new Uint8Array(a));
    expect(info.width).toBe(Math.round((89 / 25.4) * 300));
    expect(info.dpiX).toBeCloseTo(300, 1);
    expect(readFileSync(join(dir, 'a.legend.md'), 'utf8')).toMatch(/neurological convention/);
    // --dpi overrides the figure's
    const r3 = await cliAsync(['render', scenePath, '--out', join(dir, 'c.png'), '--dpi', '150']);
    expect(r3.code).toBe(0);
    expect(pngInfo(new Uint8Array(readFileSync(join(dir, 'c.png')))).width).toBe(Math.round((89 / 25.4) * 150));
  }, 120_000);

  it('names a missing file, refuses bad options and never writes over the scene', async () => {
    const missing = join(dir, 'missing.json');
    const svgScene = join(dir, 'scene-as.svg');
    writeFileSync(svgScene, JSON.stringify(scene));
    writeFileSync(missing, JSON.stringify({ ...scene, layers: [{ ...layer, source: { type: 'file', path: join(dir, 'gone.nii.gz') } }] }));
    const [m, same, dpi, none, fmt] = await Promise.all([
      cliAsync(['render', missing, '--out', join(dir, 'x.png')]),
      cliAsync(['render', svgScene, '--out', svgScene]),
      cliAsync(['render', scenePath, '--out', join(dir, 'y.png'), '--dpi', '90']),
      cliAsync(['render', scenePath, '--out', join(dir, 'z.png'), '--figure', 'Nope']),
      cliAsync(['render', scenePath, '--out', join(dir, 'z.jpg')]),
    ]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/gone\.nii\.gz: the file of layer "tstat1" is missing/);
    expect(existsSync(join(dir, 'x.png'))).toBe(false);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is the scene file/);
    expect(JSON.parse(readFileSync(svgScene, 'utf8')).figures[0].name).toBe('Layers');
    expect(dpi.stderr).toMatch(/--dpi must be a whole number from 150 to 1200/);
    expect(none.stderr).toMatch(/no figure named "Nope" \(figures: Layers\)/);
    expect(fmt.stderr).toMatch(/must end in \.png, \.tiff, \.svg or \.pdf/);
  }, 120_000);
});
