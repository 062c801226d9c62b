// A connectome figure panel on the demo study, prepared from the CLI's sources (the study files,
// the node table, the atlas's glass brain): its edges are the Connectivity workspace's (the same
// conditionEdges + edgePasses, so the same count as the workspace's edge table), checked against
// scipy on the same files; the capture request holds those edges, the nodes' MNI centroids, the
// stored camera and the page's pixel size; legend and caption say the numbers.
//
// scipy 1.17 on the demo's 25 pairs (desc-fisherz: tested as given), 22 nodes, 231 edges:
//   ttest_rel + false_discovery_control(method='bh'): 17 edges with q < 0.05 (4 t > 0, 13 t < 0),
//   14 with p < 0.001; largest |t| 6.541565562221598 (Amygdala_L – Hippocampus_R, q 2.111e-4).
import { describe, expect, it } from 'vitest';
import { cliFigureSources } from '../../electron/cli/figure/sources';
import { addPanel, connectomeKey, figureCaption, figureLegend, layoutPage, newFigure, prepareFigure, type ConnectomePanel, type FigureSources } from '../../shared/figure/index';
import { conditionEdges, edgePasses } from '../../shared/connectivity/index';
import { wrapText } from '../../shared/figure/draw';
import { captureRequest } from '../../shared/figure/compose3d';
import { inkOf } from '../../shared/figure/content';

let sources: Promise<FigureSources> | null = null;
const src = () => (sources ??= cliFigureSources({ kind: 'demo', seed: 20150901 }, [], () => undefined));

function figure(over: Partial<ConnectomePanel> = {}) {
  const f = newFigure([], 'Connectome', { kind: 'demo', seed: 20150901 });
  const camera = { eye: [-300, 50, 120] as [number, number, number], up: [0, 0, 1] as [number, number, number] };
  return addPanel([f], f.id, { kind: 'connectome', title: '', span: 6, measureId: measureId!, conditionA: 'MDMA', conditionB: 'placebo', threshold: { mode: 'fdr-q', value: 0.05 }, labels: true, camera, aspect: 0.9, ...over })[0];
}
let measureId: string | undefined;

describe('connectome figure panels (demo study)', () => {
  it('draw the edges the Connectivity workspace lists, with the stored camera, at the page\'s pixel size', async () => {
    const s = await src();
    const m = s.study!.measures.find((x) => x.kind === 'connectivity-matrix')!;
    measureId = m.id;
    const fig = figure();
    const prep = await prepareFigure(fig, s);
    const k = prep.connectomes.get(fig.panels[0].id)!;
    // scipy's numbers (header): 17 of 231 edges at q < 0.05, 4 warm and 13 cool; |t| max 6.5416.
    expect(k.tested).toBe(231);
    expect(k.pairs).toBe(25);
    expect(k.fisher).toBe(false);
    expect(k.edges).toHaveLength(17);
    expect(k.edges.filter((e) => e.t > 0)).toHaveLength(4);
    expect(k.limit).toBeCloseTo(6.541565562221598, 9);
    expect(Math.abs(k.edges[0].t)).toBeCloseTo(6.541565562221598, 9);
    expect([k.nodes[k.edges[0].i].name, k.nodes[k.edges[0].j].name]).toEqual(['Amygdala_L', 'Hippocampus_R']);
    // The nodes carry the node table's centroids (nodes.tsv: Amygdala_L at -24.3, -0.7, -17.1).
    expect(k.nodes).toHaveLength(22);
    expect(k.nodes[0]).toEqual({ name: 'Amygdala_L', x: -24.3, y: -0.7, z: -17.1 });
    // The workspace's table: its edge results (conditionEdges) filtered by edgePasses at its threshold.
    const data = await s.matrices!(m.id);
    const table = conditionEdges(m, { nodes: data.nodes ?? [], matrices: data.matrices }, 'MDMA', 'placebo');
    if (!table || 'error' in table) throw new Error('no edges');
    const rows = table.edges.filter((e) => edgePasses(e, { mode: 'fdr-q', value: 0.05 }));
    expect(rows).toHaveLength(k.edges.length);
    expect(new Set(rows.map((e) => `${e.i}-${e.j}`))).toEqual(new Set(k.edges.map((e) => `${e.i}-${e.j}`)));
    // The glass brain: the atlas's shell, a closed surface in MNI mm.
    expect(k.shell!.indices.length).toBeGreaterThan(10_000);
    let zMax = -Infinity;
    for (let i = 2; i < k.shell!.positions.length; i += 3) zMax = Math.max(zMax, k.shell!.positions[i]);
    expect(zMax).toBeGreaterThan(60);
    expect(zMax).toBeLessThan(90);

    // The request: those edges and nodes, the stored camera, the layout's size at 300 dpi.
    const layout = layoutPage(fig, wrapText, figureCaption(fig, prep));
    const place = layout.places[0];
    const p = fig.panels[0] as ConnectomePanel;
    const req = captureRequest(p, place.content, fig, prep, inkOf(fig));
    if (!req || req.kind !== 'connectome') throw new Error('no connectome request');
    expect(req.edges).toHaveLength(17);
    expect(req.camera).toEqual({ eye: [-300, 50, 120], up: [0, 0, 1] });
    expect(req.camera.eye).not.toBe(p.camera.eye); // a copy: editing the panel later does not change a capture under way
    expect(req.pxW).toBe(Math.round((place.content.w / 72) * 300));
    expect(req.pxH).toBe(Math.round((place.content.w * 0.9 / 72) * 300));
    expect(req.background).toEqual([255, 255, 255]);
    expect(req.shell).toBe(k.shell);

    expect(connectomeKey(p, k.edges.length, k.limit)).toBe('warm: higher under MDMA, cool: higher under placebo; thicker = larger |t| (max 6.5); 17 edges at FDR q < 0.05');
    const legend = figureLegend(fig, prep, 'test');
    expect(legend).toMatch(/3D connectome, connectivity \(Fisher z\): the edges of the edgewise paired t of MDMA − placebo \(25 pairs, on z as given\) at FDR q < 0\.05, FDR \(Benjamini–Hochberg\) over the 231 edges of the upper triangle: 17 edges/);
    expect(legend).toMatch(/up to 6\.54 /);
    expect(legend).toMatch(/glass brain: the outer surface of the atlas \(AAL \(MRIcron\), 3 mm\)/);
    expect(legend).toMatch(/camera: perspective \(32° field of view\) from \(−300, 50, 120\) mm/);
    expect(figureCaption(fig, prep)).toMatch(/MDMA − placebo \(n = 25 pairs\): edgewise paired t, 17 of 231 edges at FDR q < 0\.05\./);
  }, 300_000);

  it('at p < 0.001 uncorrected: scipy\'s 14 edges; the named view is said in the legend', async () => {
    const s = await src();
    const fig = figure({ threshold: { mode: 'p-unc', value: 0.001 }, camera: { eye: [0, 0, 420], up: [0, 1, 0] } });
    const prep = await prepareFigure(fig, s);
    expect(prep.connectomes.get(fig.panels[0].id)!.edges).toHaveLength(14);
    const legend = figureLegend(fig, prep, 'test');
    expect(legend).toMatch(/at p < 0\.001 \(uncorrected\), of 231 edges tested: 14 edges/);
    expect(legend).toMatch(/camera: top \(superior\) view, /);
  }, 300_000);
});
