// A figure panel's FWE (permutation) choice survives a scene file round trip; scene files from
// before figures had FWE parse with fwe null; a bad choice is refused with the field named.
import { describe, expect, it } from 'vitest';
import { emptyScene, readSceneText, sceneFileText, type Scene } from '../../../shared/scene';
import { addPanel, newFigure } from '../../../shared/figure';

const fwe = { method: 'cluster-extent' as const, nPerm: 500, clusterP: 0.001, alpha: 0.05, seed: 7 };
const contrast = { measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', direction: 'B-A' as const, statistic: 'paired-t' as const, threshold: { mode: 'p-unc' as const, value: 0.001, sided: 1 as const, minExtentVoxels: 0 }, connectivity: 26 as const, fwe };

function scene(): Scene {
  let f = newFigure([], 'FWE', { kind: 'demo', seed: 20150901 });
  f = addPanel([f], f.id, { kind: 'clusters', title: '', span: 6, contrast, maxRows: 10 })[0];
  f = addPanel([f], f.id, { kind: 'glass', title: '', span: 1, content: 'contrast', contrast: { ...contrast, fwe: null }, layerIds: [], display: 'ortho', radiological: false })[0];
  return { ...emptyScene(), figures: [f] };
}

describe('figure FWE in scene files', () => {
  it('round trip: the clusters panel keeps its inference, the glass panel none', () => {
    const r = readSceneText(sceneFileText(scene(), '/s/a.scene.json'), 'a.scene.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [c, g] = r.scene.figures[0].panels;
    expect(c.kind === 'clusters' && c.contrast.fwe).toEqual(fwe);
    expect(c.kind === 'clusters' && c.contrast.threshold).toEqual({ mode: 'p-unc', value: 0.001, sided: 1, minExtentVoxels: 0 });
    expect(g.kind === 'glass' && g.contrast?.fwe).toBeNull();
  });

  it('an older scene (no fwe field) parses with fwe null; an unknown inference is refused', () => {
    const raw = JSON.parse(sceneFileText(scene(), '/s/a.scene.json'));
    delete raw.figures[0].panels[0].contrast.fwe;
    const r = readSceneText(JSON.stringify(raw), 'old.scene.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scene.figures[0].panels[0].kind === 'clusters' && r.scene.figures[0].panels[0].contrast.fwe).toBeNull();
    raw.figures[0].panels[0].contrast.fwe = { ...fwe, method: 'bonferroni' };
    const bad = readSceneText(JSON.stringify(raw), 'bad.scene.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/has an unknown inference/);
    raw.figures[0].panels[0].contrast.fwe = { ...fwe, clusterP: 1.5 };
    const bad2 = readSceneText(JSON.stringify(raw), 'bad.scene.json');
    expect(!bad2.ok && bad2.message).toMatch(/clusterP: must lie between 0 and 1/);
  });
});
