/**
 * NAME.legend.md: the settings an author copies into the figure legend and the methods, written
 * beside every export.
 */
import { SURFACE_VIEW_LABELS } from './surface';
import type { ThresholdSpec } from '../compare';
import { fmtP } from './roiPlot';
import { contrastKey, type PreparedFigure } from './prepare';
import { panelLetter } from './document';
import type { Figure } from './schema';
import { autoCuts } from './volume';
import { planeAxes } from './slices';
import { sliceCount } from './layout';

/**
 * The multiple-comparison correction in words. Permutation inference (max-T, cluster, TFCE with
 * its count and seed) adds its own modes here when it lands.
 */
export function correctionText(t: ThresholdSpec): string {
  if (t.mode === 'fdr-q') return `false discovery rate (Benjamini–Hochberg) over the tested voxels, q < ${t.value}`;
  if (t.mode === 'p-unc') return `none (uncorrected p < ${t.value})`;
  return 'none (a cut on the statistic)';
}

function sliceCoords(p: Figure['panels'][number] & { kind: 'slices' }, prep: PreparedFigure): string {
  const axis = planeAxes(p.plane).n;
  const coords = p.mode === 'single' ? [p.coords[0] ?? 0] : p.autoCoords ? autoCuts(prep.sources.template, axis, sliceCount(p)) : p.coords;
  return `${axis} = ${coords.map((c) => String(Math.round(c)).replace('-', '−')).join(', ')} mm (MNI)`;
}

export function figureLegend(fig: Figure, prep: PreparedFigure, version: string): string {
  const src = prep.sources;
  const lines: string[] = [`# ${fig.name}`, ''];
  if (src.study?.simulated) lines.push(`> ${src.study.notice ?? 'Simulated data'}.`, '');
  lines.push(`Page: ${fig.page.widthMm} mm wide${fig.page.heightMm ? `, ${fig.page.heightMm} mm tall` : ''}, ${fig.page.dpi} dpi, text ${fig.page.fontPt} pt and larger, ${fig.page.background} background.`, '');
  lines.push('## Panels', '');
  fig.panels.forEach((p, i) => {
    const c = 'contrast' in p && p.contrast ? prep.contrasts.get(contrastKey(p.contrast)) : undefined;
    let what: string = p.kind;
    if (p.kind === 'slices') what = `${p.mode === 'mosaic' ? 'mosaic of' : 'one'} ${p.plane} slice${p.mode === 'mosaic' ? 's' : ''} (${p.content === 'layers' ? 'Viewer layers' : p.content === 'contrast' ? 'thresholded contrast' : `mean under ${p.content === 'conditionA' ? c?.first : c?.second}`})${p.radiological ? ', radiological convention (left on the right)' : ', neurological convention (left on the left)'}${p.outlines ? ', atlas outlines' : ''}; at ${sliceCoords(p, prep)}`;
    if (p.kind === 'glass') what = `glass brain, signed maximum-intensity projections (${p.display === 'ortho' ? 'sagittal, coronal, axial' : 'left and right sagittal, coronal, axial'})`;
    if (p.kind === 'roi') {
      const r = prep.rois.get(p.id);
      what = `ROI ${p.roi.name}: per-subject means (lines), group means with 95% CI${r ? `; paired t(${r.summary.dof}) = ${r.summary.t.toFixed(2)}, ${fmtP(r.summary.p)}, dz = ${r.summary.dz.toFixed(2)} [${r.summary.dzLow.toFixed(2)}, ${r.summary.dzHigh.toFixed(2)}]` : ''}`;
    }
    if (p.kind === 'clusters') what = `cluster table (up to ${p.maxRows} clusters; peak in MNI mm, label from the atlas at the peak)`;
    if (p.kind === 'colorbar') what = 'colorbar';
    if (p.kind === 'surface') what = `cortical surfaces of the template (ch2bet), the thresholded map sampled −3..+3 mm along each vertex normal (largest |value|); rows: ${p.rows.map((r) => (r === 'contrast' ? 'thresholded contrast' : `mean under ${r === 'conditionA' ? p.contrast.conditionA : p.contrast.conditionB}`)).join(', ')}; views: ${p.views.map((v) => SURFACE_VIEW_LABELS[v]).join(', ')}; camera yaw ${p.camera.yaw.toFixed(2)} rad, pitch ${p.camera.pitch.toFixed(2)} rad, zoom ${p.camera.zoom.toFixed(2)}`;
    if (p.kind === 'matrix') {
      const m = prep.matrices.get(p.id);
      what = `connectivity matrix (${m ? `${m.label}, ${m.what}, edgewise paired t on ${m.fisher ? 'Fisher z of r' : 'z as given'}, ${m.pairs} pairs` : p.measureId})`;
    }
    lines.push(`- **${panelLetter(i)}**: ${what}${c ? `; ${c.measure.label}, ${c.first} − ${c.second}` : ''}`);
  });
  lines.push('');
  for (const c of prep.contrasts.values()) {
    const t = c.spec.threshold;
    lines.push(`## ${c.measure.label}: ${c.first} − ${c.second}`, '');
    lines.push(`- Measure: ${c.measure.label} (${c.measure.units})`);
    lines.push(`- Conditions: ${c.first} and ${c.second}; n = ${c.n} ${c.maps.design === 'paired' ? 'subjects with both sessions (paired, within-subject)' : `(${c.maps.nA} + ${c.maps.nB}, two groups)`}`);
    lines.push(`- Statistic: ${c.statName}; dof = ${Number.isInteger(c.maps.dof) ? c.maps.dof : c.maps.dof.toFixed(1)}`);
    lines.push(`- Threshold: ${c.resolved.description}`);
    lines.push(`- Correction: ${correctionText(t)}`);
    lines.push(`- Minimum cluster extent: ${t.minExtentVoxels > 1 ? `${t.minExtentVoxels} voxels` : 'none'}`);
    lines.push(`- Cluster connectivity: ${c.spec.connectivity} neighbours`);
    lines.push(`- Clusters passing: ${c.rows.length}`);
    lines.push('');
  }
  lines.push('## Software and reference data', '');
  lines.push(`- Template: ${src.templateName} (MNI space)`);
  lines.push(`- Atlas: ${src.atlas ? src.atlasName : 'none'}`);
  lines.push(`- Made with ContrastScope ${version}`);
  lines.push('');
  return lines.join('\n');
}
