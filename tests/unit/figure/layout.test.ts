import { describe, expect, it } from 'vitest';
import { addPanel, DEFAULT_PAGE, layoutPage, mmToPt, mmToPx, movePanel, newFigure, pagePixels, ptToMm, updatePage, GAP_MM, MARGIN_MM, mosaicHeight, headerHeight, type Figure, type NewPanel } from '../../../shared/figure/index';
import { wrapText } from '../../../shared/figure/draw';

const contrast = { measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', direction: 'A-B' as const, statistic: 'paired-t' as const, threshold: { mode: 'p-unc' as const, value: 0.001, sided: 2 as const, minExtentVoxels: 10 }, connectivity: 26 as const, fwe: null };
const mosaic: NewPanel = { kind: 'slices', title: '', span: 2, content: 'contrast', contrast, layerIds: [], plane: 'axial', mode: 'mosaic', coords: [], count: 7, autoCoords: true, outlines: false, radiological: false };
const roi: NewPanel = { kind: 'roi', title: '', span: 1, contrast, roi: { id: 'r', name: 'Amygdala, right', source: { type: 'preset', preset: 'amygdala_R' } } };

describe('units', () => {
  it('converts mm, pt and px', () => {
    expect(mmToPt(25.4)).toBeCloseTo(72, 10);
    expect(ptToMm(72)).toBeCloseTo(25.4, 10);
    expect(mmToPx(25.4, 300)).toBeCloseTo(300, 10);
    // Nature two columns at 300 dpi: 183 / 25.4 * 300 = 2161.4 px
    expect(pagePixels(183, 120, 300)).toEqual({ width: 2161, height: 1417 });
    expect(pagePixels(89, 60, 600)).toEqual({ width: 2102, height: 1417 });
  });
});

describe('page layout', () => {
  const fig = (): Figure => {
    let figs = [newFigure([], 'Fig 1')];
    figs = addPanel(figs, figs[0].id, mosaic);
    figs = addPanel(figs, figs[0].id, roi);
    figs = addPanel(figs, figs[0].id, { ...roi, roi: { ...roi.roi, name: 'Hippocampus' } } as NewPanel);
    return figs[0];
  };

  it('puts panels on the grid with margins and gaps in points', () => {
    const f = fig();
    const l = layoutPage(f, wrapText, '');
    const inner = mmToPt(183 - 2 * MARGIN_MM);
    const colW = (inner - mmToPt(GAP_MM)) / 2;
    expect(l.widthPt).toBeCloseTo(mmToPt(183), 6);
    expect(l.places[0].box).toMatchObject({ x: mmToPt(MARGIN_MM), y: mmToPt(MARGIN_MM) });
    expect(l.places[0].box.w).toBeCloseTo(inner, 6);
    // second row: two ROI panels side by side, each one column
    expect(l.places[1].box.w).toBeCloseTo(colW, 6);
    expect(l.places[2].box.x).toBeCloseTo(mmToPt(MARGIN_MM) + colW + mmToPt(GAP_MM), 6);
    expect(l.places[1].box.y).toBeCloseTo(l.places[0].box.y + l.places[0].box.h + mmToPt(GAP_MM), 6);
    // mosaic: 7 axial slices across the page; each slice has the brain box's aspect (192 / 156 mm)
    const m = mosaicHeight('axial', 7, inner, 7);
    expect(m.cols).toBe(7);
    expect(m.sliceH / m.sliceW).toBeCloseTo(192 / 156, 6);
    expect(l.places[0].content.h).toBeCloseTo(m.height, 6);
    expect(l.places[0].content.y - l.places[0].box.y).toBeCloseTo(headerHeight(7), 6);
  });

  it('grows with the panels when the height is automatic and warns when a fixed height is too small', () => {
    const f = fig();
    const auto = layoutPage(f, wrapText, '');
    const bottom = Math.max(...auto.places.map((p) => p.box.y + p.box.h));
    expect(auto.heightPt).toBeGreaterThan(bottom);
    expect(auto.warnings).toEqual([]);
    const fixed = layoutPage({ ...f, page: { ...f.page, heightMm: 40 } }, wrapText, '');
    expect(fixed.heightPt).toBeCloseTo(mmToPt(40), 6);
    expect(fixed.warnings[0]).toMatch(/page is 40 mm/);
  });

  it('reorders panels and refuses page settings journals cannot take', () => {
    const f = fig();
    const moved = movePanel([f], f.id, f.panels[2].id, 0)[0];
    expect(moved.panels.map((p) => p.id)).toEqual([f.panels[2].id, f.panels[0].id, f.panels[1].id]);
    expect(() => updatePage([f], f.id, { dpi: 100 })).toThrow(/150 to 1200/);
    expect(() => updatePage([f], f.id, { fontPt: 4 })).toThrow(/5 to 14 pt/);
    expect(updatePage([f], f.id, { dpi: 600 })[0].page).toEqual({ ...DEFAULT_PAGE, dpi: 600 });
  });

  it('wraps caption text to the page width', () => {
    const lines = wrapText('a '.repeat(200), 6, 100);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length * 6 * 0.55).toBeLessThanOrEqual(100 + 6);
  });
});
