// Connectome figure panels: defaults when read from a scene file (older scenes parse unchanged),
// a scene file round trip, the named views and the legend's camera words, the key's wrapping the
// layout reserves, and the node-label declutter.
import { describe, expect, it } from 'vitest';
import { emptyScene, readSceneText, sceneFileText } from '../../../shared/scene';
import { addPanel, connectomeCameraText, connectomeKey, connectomeKeyLines, connectomeLayout, connectomeViewCamera, connectomeViewOf, newFigure, panelSchema, type ConnectomePanel } from '../../../shared/figure';
import { placeNodeLabels } from '../../../shared/figure/compose3d';
import { textWidth } from '../../../shared/figure/draw';

const panel = panelSchema.parse({ id: 'p1', kind: 'connectome', measureId: 'conn', conditionA: 'MDMA', conditionB: 'placebo' }) as ConnectomePanel;

describe('connectome panels', () => {
  it('read from a file get FDR q < 0.05, names on, the scene\'s top view and a 0.9 aspect; bad values are refused', () => {
    expect(panel.threshold).toEqual({ mode: 'fdr-q', value: 0.05 });
    expect(panel.labels).toBe(true);
    expect(panel.camera).toEqual({ eye: [0, 0, 420], up: [0, 1, 0] });
    expect(panel.aspect).toBe(0.9);
    expect(connectomeViewOf(panel.camera)?.id).toBe('top');
    expect(panelSchema.safeParse({ ...panel, threshold: { mode: 'fwe', value: 0.05 } }).success).toBe(false);
    expect(panelSchema.safeParse({ ...panel, threshold: { mode: 'p-unc', value: 0 } }).success).toBe(false);
    expect(panelSchema.safeParse({ ...panel, camera: { eye: [0, 0, NaN], up: [0, 1, 0] } }).success).toBe(false);
  });

  it('survive a scene file round trip; a scene with the other kinds parses as before', () => {
    let f = newFigure([], 'Connectome', { kind: 'demo', seed: 20150901 });
    f = addPanel([f], f.id, { kind: 'matrix', title: '', span: 3, measureId: 'conn', conditionA: 'MDMA', conditionB: 'placebo', show: 't' })[0];
    const before = readSceneText(sceneFileText({ ...emptyScene(), figures: [f] }, '/s/a.scene.json'), 'a.scene.json');
    expect(before.ok && before.scene.figures[0].panels).toEqual(f.panels);
    const camera = { eye: [-251.5, 80.25, 310] as [number, number, number], up: [0.1, 0, 0.99] as [number, number, number] };
    f = addPanel([f], f.id, { kind: 'connectome', title: '', span: 3, measureId: 'conn', conditionA: 'MDMA', conditionB: 'placebo', threshold: { mode: 'p-unc', value: 0.001 }, labels: false, camera, aspect: 0.75 })[0];
    const r = readSceneText(sceneFileText({ ...emptyScene(), figures: [f] }, '/s/a.scene.json'), 'a.scene.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scene.figures[0].panels).toEqual(f.panels);
    expect(r.scene.figures[0].panels[1]).toMatchObject({ kind: 'connectome', threshold: { mode: 'p-unc', value: 0.001 }, labels: false, camera, aspect: 0.75 });
  });

  it('name the four views of the workspace (within 1°) and say any camera in mm', () => {
    expect(connectomeViewCamera('left')).toEqual({ eye: [-420, 0, 0], up: [0, 0, 1] });
    expect(connectomeViewCamera('front', 300)).toEqual({ eye: [0, 300, 0], up: [0, 0, 1] });
    expect(connectomeViewOf({ eye: [-420, 7, 0], up: [0, 0, 1] })?.id).toBe('left'); // 0.95° off
    expect(connectomeViewOf({ eye: [-420, 8, 0], up: [0, 0, 1] })).toBeNull(); // 1.09° off
    expect(connectomeCameraText({ eye: [0, 0, 420], up: [0, 1, 0] })).toBe('top (superior) view, perspective (32° field of view) from (0, 0, 420) mm relative to (0, −18, 12) mm MNI, 420 mm away, up (0, 1, 0)');
    expect(connectomeCameraText({ eye: [-300, 0, 300], up: [0, 0, 2] })).toBe('perspective (32° field of view) from (−300, 0, 300) mm relative to (0, −18, 12) mm MNI, 424 mm away, up (0, 0, 1)');
  });

  it('reserve the key\'s lines from the panel alone: the real key never needs more', () => {
    const w = 240; // points: one 89 mm column less margins
    const reserved = connectomeKeyLines(panel, w, 7).length;
    expect(reserved).toBe(2);
    expect(connectomeKey(panel, 17, 6.54)).toBe('warm: higher under MDMA, cool: higher under placebo; thicker = larger |t| (max 6.5); 17 edges at FDR q < 0.05');
    const l = connectomeLayout(panel, w, 7);
    expect(l.imageH).toBeCloseTo(216, 9);
    expect(l.height).toBeCloseTo(216 + 2 * 7 * 0.85 * 1.25 + 2.8, 9);
  });

  it('place node names without overlaps where there is room, strongest first, inside the picture', () => {
    const at = { x: 10, y: 20, w: 200, h: 180 };
    // Picture 400 x 360 px (half a point a pixel); two nodes 6 px apart, one at the right edge.
    const items = placeNodeLabels([{ text: 'Amygdala_L', x: 100, y: 100, r: 6 }, { text: 'Hippocampus_L', x: 106, y: 104, r: 6 }, { text: 'Frontal_Sup_Medial_R', x: 398, y: 10, r: 6 }], at, 400, 360, 6, '#000000');
    expect(items.map((i) => i.type === 'text' && i.text)).toEqual(['Amygdala_L', 'Hippocampus_L', 'Frontal_Sup_Medial_R']);
    const boxes = items.map((i) => {
      if (i.type !== 'text') throw new Error('text');
      return { x0: i.x, x1: i.x + textWidth(i.text, 6), y0: i.y - 6 * 0.78, y1: i.y + 6 * 0.17 };
    });
    // The first takes the place above its node (baseline above the ball: centre y 70 pt − r 3.9 pt).
    expect(boxes[0].y1).toBeLessThan(20 + 50 - 3);
    const cross = (a: (typeof boxes)[0], b: (typeof boxes)[0]) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    expect(cross(boxes[0], boxes[1])).toBe(false);
    // Kept inside the picture at its right and top edges.
    expect(boxes[2].x1).toBeLessThanOrEqual(at.x + at.w + 1e-9);
    expect(boxes[2].y0).toBeGreaterThanOrEqual(at.y - 1e-9);
  });
});
