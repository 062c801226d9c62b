// Bench row for figures: `contrastscope render` of a 183 x 120 mm, 300 dpi, four-panel figure
// (mosaic of 7 axial slices, glass brain, ROI plot, colorbar) of the demo study, to PNG and PDF.
// Wall time of the whole command, start-up included; budget 5 s (DESIGN.md). The demo study is
// made once beforehand (the first render of a demo scene makes it and keeps it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const contrast = { measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', direction: 'A-B', statistic: 'paired-t', threshold: { mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 10 }, connectivity: 26 };
const figure = {
  id: 'f1', name: 'Bench figure', page: { widthMm: 183, heightMm: 120, dpi: 300, fontPt: 7, background: 'white' }, columns: 4, colorbar: 'none', study: { kind: 'demo', seed: 20150901 }, caption: '',
  panels: [
    { id: 'p1', kind: 'slices', content: 'contrast', span: 4, plane: 'axial', mode: 'mosaic', count: 7, autoCoords: true, contrast },
    { id: 'p2', kind: 'glass', content: 'contrast', span: 2, display: 'ortho', contrast },
    { id: 'p3', kind: 'roi', span: 1, contrast, roi: { id: 'r1', name: 'Amygdala, right', source: { type: 'preset', preset: 'amygdala_R' } } },
    { id: 'p4', kind: 'colorbar', span: 1 },
  ],
};
const scene = { version: 2, layers: [], view: { sliceType: 'axial', radiological: false, crosshairMm: [0, 0, 0], zoom: 1, atlasOutline: true }, views: [], figures: [figure] };

const dir = mkdtempSync(join(tmpdir(), 'bench-figure-'));
const scenePath = join(dir, 'scene.json');
writeFileSync(scenePath, JSON.stringify(scene));
const render = (out: string) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/contrastscope.mjs', 'render', scenePath, '--out', join(dir, out)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`render failed: ${r.stderr}`);
  if (r.stderr.includes('warning')) console.error(r.stderr.trim());
  return (performance.now() - t0) / 1000;
};
render('warm-up.svg'); // makes the demo study when absent
const runs = Number(process.argv[2] ?? 3);
console.log('| op | median wall s (start-up included) | budget | within |');
console.log('| --- | --- | --- | --- |');
for (const out of ['figure.png', 'figure.pdf']) {
  const times = Array.from({ length: runs }, () => render(out)).sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)];
  console.log(`| render 183x120 mm 300 dpi 4 panels -> ${out.split('.')[1].toUpperCase()} | ${med.toFixed(2)} | 5 s | ${med <= 5 ? 'yes' : 'NO'} |`);
}
rmSync(dir, { recursive: true, force: true });
