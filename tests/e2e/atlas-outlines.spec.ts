// Per-plane atlas outlines: on an axial slice that runs along a region's top face, the region is
// drawn as its in-plane ring, not as a filled patch (niivue's 3D outline marks every voxel of such
// a face, since each has a neighbour above with another label). Real pixels of the canvas.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openApp, gpuSettled, SCREENS, ensureScreensDir, pngSize, pixelDiff, installDecoder } from './helpers';
import { readNifti } from '../../shared/nifti/index';
import { makeAtlas, maskFromLabels, parseLabelTable } from '../../shared/atlas/index';
import { MNI_2MM } from '../../shared/study/demo/anatomy';
import { mmToVoxel, voxelToMm } from '../../shared/spaces/matrix';
import { ROI_COLOURS } from '../../renderer/colour/roiColours';
import { atlasColormap } from '../../renderer/views/niivue/atlasLut';
import { openCompare, waitReady, type AppHandle } from './compareHelpers';

test.setTimeout(240_000);

/** Largest fraction of the region's in-plane area the outline may cover (a fill covers ~100%). */
const MAX_FRACTION = 0.5;

const img = readNifti(readFileSync('resources/atlas_aal.nii.gz'), 'atlas_aal.nii.gz', { inflate: (gz, max) => gunzipSync(gz, { maxOutputLength: max }) });
const table = parseLabelTable(readFileSync('resources/atlas_aal.txt', 'utf8'), 'atlas_aal.txt');
const [NX, NY, NZ] = img.grid.dims;
const at = (i: number, j: number, k: number) => img.data[i + NX * (j + NY * k)];

interface Tangent {
  label: number;
  k: number;
  area: number;
  /** voxels of the slice that niivue's 3D rule (6 face neighbours) marks */
  threeD: number;
  /** voxels with an in-plane (4-neighbour) border */
  ring: number;
  box: { i0: number; i1: number; j0: number; j1: number };
  centre: [number, number];
}

/**
 * The largest axial cross-section that lies on a region's top or bottom face: every voxel of the
 * region in that slice has another label directly above (or below). Computed from the atlas.
 */
function findTangent(): Tangent {
  let best: Tangent | null = null;
  for (let k = 1; k < NZ - 1; k++) {
    const stats = new Map<number, Tangent & { faceUp: number; faceDown: number; si: number; sj: number }>();
    for (let j = 0; j < NY; j++)
      for (let i = 0; i < NX; i++) {
        const l = at(i, j, k);
        if (!(l > 0)) continue;
        let s = stats.get(l);
        if (!s) stats.set(l, (s = { label: l, k, area: 0, threeD: 0, ring: 0, box: { i0: i, i1: i, j0: j, j1: j }, centre: [0, 0], faceUp: 0, faceDown: 0, si: 0, sj: 0 }));
        s.area++;
        s.si += i;
        s.sj += j;
        s.box = { i0: Math.min(s.box.i0, i), i1: Math.max(s.box.i1, i), j0: Math.min(s.box.j0, j), j1: Math.max(s.box.j1, j) };
        const up = at(i, j, k + 1) !== l;
        const down = at(i, j, k - 1) !== l;
        const plane = i === 0 || j === 0 || i === NX - 1 || j === NY - 1 || at(i - 1, j, k) !== l || at(i + 1, j, k) !== l || at(i, j - 1, k) !== l || at(i, j + 1, k) !== l;
        if (up) s.faceUp++;
        if (down) s.faceDown++;
        if (plane) s.ring++;
        if (plane || up || down) s.threeD++;
      }
    for (const s of stats.values()) {
      const tangent = Math.max(s.faceUp, s.faceDown) === s.area;
      if (tangent && s.area > (best?.area ?? 0)) best = { label: s.label, k, area: s.area, threeD: s.threeD, ring: s.ring, box: s.box, centre: [s.si / s.area, s.sj / s.area] };
    }
  }
  return best!;
}

/** Pixels within `tol` (summed |ΔRGB|) of `rgb` inside a box of a PNG. */
async function countColour(page: Page, png: Buffer, box: { x0: number; x1: number; y0: number; y1: number }, rgb: [number, number, number], tol = 24): Promise<number> {
  const [width, height] = pngSize(png);
  await installDecoder(page);
  return page.evaluate(
    async ([b64, bx, width, height, rgb, tol]) => {
      const d = await (window as unknown as { __csPixels: (b64: string) => Promise<Uint8ClampedArray> }).__csPixels(b64);
      let n = 0;
      for (let y = Math.max(0, bx.y0); y <= Math.min(height - 1, bx.y1); y++)
        for (let x = Math.max(0, bx.x0); x <= Math.min(width - 1, bx.x1); x++) {
          const i = (y * width + x) * 4;
          if (Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) <= tol) n++;
        }
      return n;
    },
    [png.toString('base64'), box, width, height, rgb, tol] as [string, typeof box, number, number, [number, number, number], number],
  );
}

test('Viewer: an axial slice along a region’s top face shows its in-plane outline, not a filled face', async ({ page }) => {
  ensureScreensDir();
  const t = findTangent();
  const name = table.entries.get(t.label)!.name;
  const cm = atlasColormap(table, 255);
  const n = cm.I.indexOf(t.label);
  const rgb: [number, number, number] = [cm.R[n], cm.G[n], cm.B[n]];
  // The data itself: a 3D outline would fill the face, the in-plane rule leaves the ring.
  expect(t.threeD / t.area).toBeGreaterThan(0.99);
  expect(t.ring / t.area).toBeLessThan(MAX_FRACTION);

  await openApp(page);
  const app = (fn: string, args?: unknown) => page.evaluate(([fn, args]) => (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.run(fn, args), [fn, args] as const);
  await app('view.axial');
  const [cx, cy] = t.centre;
  const mm = [cx + img.grid.affine[3], cy + img.grid.affine[7], t.k + img.grid.affine[11]];
  await app('view.setCrosshair', { mm });
  await gpuSettled(page);
  const canvas = page.getByTestId('niivue-canvas').first();
  const png = await canvas.screenshot({ path: join(SCREENS, `atlas-outline-viewer-axial-${name}.png`) });
  const [W, H] = pngSize(png);
  // niivue fits the 181 x 217 mm slice into the canvas, centred.
  const scale = Math.min(W / NX, H / NY);
  const left = (W - NX * scale) / 2;
  const top = (H - NY * scale) / 2;
  const box = { x0: Math.floor(left + t.box.i0 * scale) - 3, x1: Math.ceil(left + (t.box.i1 + 1) * scale) + 3, y0: Math.floor(top + (NY - 1 - t.box.j1) * scale) - 3, y1: Math.ceil(top + (NY - t.box.j0) * scale) + 3 };
  const coloured = await countColour(page, png, box, rgb);
  const areaPx = t.area * scale * scale;
  const fraction = coloured / areaPx;
  const paintMs = Number(await canvas.getAttribute('data-outline-paint-ms'));
  const maskMs = Number(await canvas.getAttribute('data-outline-mask-ms'));
  const report = { region: name, label: t.label, sliceZmm: mm[2], areaVoxels: t.area, ringVoxels: t.ring, threeDVoxels: t.threeD, scale, areaPx, coloured, fraction, paintMs, maskMs };
  console.log(JSON.stringify(report));
  writeFileSync(join(SCREENS, 'atlas-outline-viewer.json'), JSON.stringify(report, null, 2));
  // The ring is drawn (not nothing), and it is far from a fill.
  expect(fraction).toBeGreaterThan(0.05);
  expect(fraction).toBeLessThan(MAX_FRACTION);

  // Filled mode still shows the region's area, with its in-plane border opaque on top.
  await app('view.toggleAtlasOutline');
  await gpuSettled(page);
  const filled = await canvas.screenshot({ path: join(SCREENS, `atlas-filled-viewer-axial-${name}.png`) });
  expect(await countColour(page, filled, box, rgb)).toBeGreaterThan(0.05 * areaPx);
  await app('view.toggleAtlasOutline');

  // Multiplanar at 1920x1080: each tile its own plane.
  await app('view.multiplanar');
  await gpuSettled(page);
  await canvas.screenshot({ path: join(SCREENS, 'atlas-outline-viewer-multiplanar.png') });
  // Cost of a frame's outlines (CPU paint and upload), over a few crosshair steps.
  const costs: { paint: number; upload: number }[] = [];
  for (let step = 1; step <= 4; step++) {
    await app('view.setCrosshair', { mm: [mm[0] - 4 * step, mm[1], mm[2] + 2 * step] });
    await gpuSettled(page);
    costs.push({ paint: Number(await canvas.getAttribute('data-outline-paint-ms')), upload: Number(await canvas.getAttribute('data-outline-upload-ms')) });
  }
  console.log(JSON.stringify({ multiplanarFrameCosts: costs }));

  // The 3D render has no slice plane: niivue's own (3D) atlas outline is kept there.
  await app('view.render3d');
  await gpuSettled(page);
  const render = await canvas.screenshot({ path: join(SCREENS, 'atlas-outline-viewer-render3d.png') });
  await app('view.toggleAtlas');
  await gpuSettled(page);
  const renderNoAtlas = await canvas.screenshot();
  // The atlas's surface covers much of the brain in the render (about a third of the canvas).
  const changed = await pixelDiff(page, render, renderNoAtlas);
  console.log(JSON.stringify({ render3dChangedByAtlas: changed }));
  expect(changed).toBeGreaterThan(0.1);
  await app('view.toggleAtlas');
});

test('Compare: an ROI outline on the slice along its top face is its in-plane ring (2 mm measure grid, LAS order)', async ({ page }) => {
  ensureScreensDir();
  const label = 82;
  const name = table.entries.get(label)!.name;
  const mask = maskFromLabels(makeAtlas(img, table), [label], MNI_2MM);
  const [nx, ny, nz] = MNI_2MM.dims;
  const m = (i: number, j: number, k: number) => (k < 0 || k >= nz ? 0 : mask[i + nx * (j + ny * k)]);
  // The ROI's largest axial cross-section with nothing of the ROI directly above (or below) it.
  let best = { k: -1, area: 0, ring: 0, pts: [] as [number, number][] };
  for (let k = 0; k < nz; k++) {
    let area = 0, up = 0, down = 0, ring = 0;
    const pts: [number, number][] = [];
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (!m(i, j, k)) continue;
        area++;
        pts.push([i, j]);
        if (!m(i, j, k + 1)) up++;
        if (!m(i, j, k - 1)) down++;
        if (!m(i - 1, j, k) || !m(i + 1, j, k) || !m(i, j - 1, k) || !m(i, j + 1, k)) ring++;
      }
    if (area > best.area && Math.max(up, down) === area) best = { k, area, ring, pts };
  }
  expect(best.area).toBeGreaterThan(20);
  const mmPts = best.pts.map(([i, j]) => voxelToMm(MNI_2MM.affine, i, j, best.k));
  const centre = [0, 1, 2].map((a) => mmPts.reduce((t, p) => t + p[a], 0) / mmPts.length);
  expect(mmToVoxel(MNI_2MM.affine, centre[0], centre[1], centre[2])[2]).toBeCloseTo(best.k, 6);

  await openCompare(page);
  await waitReady(page);
  const app = (fn: string, args?: unknown) => page.evaluate(([fn, args]) => (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.run(fn, args), [fn, args] as const);
  await app('compare.addRoi', { id: `label:${label}`, name, source: { type: 'label', index: label } });
  await app('compare.view.axial');
  await app('view.setCrosshair', { mm: centre });
  await expect(page.getByTestId('roi-result')).toHaveCount(1, { timeout: 60_000 });
  await gpuSettled(page);
  const canvas = page.getByTestId('pane-a').locator('canvas');
  const png = await canvas.screenshot({ path: join(SCREENS, `atlas-outline-compare-axial-roi-${name}.png`) });
  await page.screenshot({ path: join(SCREENS, 'atlas-outline-compare-1920.png') });
  const [W, H] = pngSize(png);
  // The pane fits the 1 mm template (181 x 217 mm) into the canvas, centred.
  const scale = Math.min(W / NX, H / NY);
  const left = (W - NX * scale) / 2;
  const top = (H - NY * scale) / 2;
  const xs = mmPts.map((p) => p[0]);
  const ys = mmPts.map((p) => p[1]);
  const box = { x0: Math.floor(left + (Math.min(...xs) - 1 + 90) * scale) - 3, x1: Math.ceil(left + (Math.max(...xs) + 2 + 90) * scale) + 3, y0: Math.floor(top + (216 - (Math.max(...ys) + 1 + 125)) * scale) - 3, y1: Math.ceil(top + (217 - (Math.min(...ys) - 1 + 125)) * scale) + 3 };
  const coloured = await countColour(page, png, box, ROI_COLOURS[0]);
  const areaPx = best.area * 4 * scale * scale;
  const fraction = coloured / areaPx;
  const report = { roi: name, sliceZmm: centre[2], areaVoxels2mm: best.area, ringVoxels: best.ring, areaPx, coloured, fraction, paintMs: Number(await canvas.getAttribute('data-outline-paint-ms')), maskMs: Number(await canvas.getAttribute('data-outline-mask-ms')) };
  console.log(JSON.stringify(report));
  writeFileSync(join(SCREENS, 'atlas-outline-compare.json'), JSON.stringify(report, null, 2));
  expect(fraction).toBeGreaterThan(0.05);
  expect(fraction).toBeLessThan(MAX_FRACTION);

  await app('compare.view.multiplanar');
  await gpuSettled(page);
  await page.getByTestId('pane-a').locator('canvas').screenshot({ path: join(SCREENS, 'atlas-outline-compare-multiplanar-roi.png') });
});
