import { describe, expect, it } from 'vitest';
import { emptyScene, setCrosshair, setSliceType, toggleRadiological } from '../../../shared/scene';

describe('view edits', () => {
  it('starts neurological, multiplanar, at the origin', () => {
    const s = emptyScene();
    expect(s.view).toMatchObject({ radiological: false, sliceType: 'multiplanar', crosshairMm: [0, 0, 0] });
  });
  it('ignores non-finite crosshairs and no-op moves', () => {
    const s = emptyScene();
    expect(setCrosshair(s, [NaN, 0, 0])).toBe(s);
    expect(setCrosshair(s, [0, 0, 0])).toBe(s);
    expect(setCrosshair(s, [-24, -4, -18]).view.crosshairMm).toEqual([-24, -4, -18]);
  });
  it('toggles radiological and sets the slice type', () => {
    const s = emptyScene();
    expect(toggleRadiological(toggleRadiological(s)).view.radiological).toBe(false);
    expect(toggleRadiological(s).view.radiological).toBe(true);
    expect(setSliceType(s, 'axial').view.sliceType).toBe('axial');
  });
});
