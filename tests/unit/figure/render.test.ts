// Volume-render figure panels: named views of niivue's camera, the legend's camera words, the
// panel's defaults when read from a scene file, and the capture request it makes.
import { describe, expect, it } from 'vitest';
import { panelSchema, renderCameraText, renderHeight, renderRequest, renderViewName, type RenderPanel } from '../../../shared/figure/index';

const panel = panelSchema.parse({ id: 'p1', kind: 'render', content: 'layers', contrast: null, layerIds: ['L1'] }) as RenderPanel;

describe('render panels', () => {
  it('read from a file get niivue\'s default camera, no clip plane and a 0.8 aspect', () => {
    expect(panel.camera).toEqual({ azimuth: 110, elevation: 10, zoom: 1 });
    expect(panel.clipPlane).toBeNull();
    expect(renderHeight(panel, 200)).toBeCloseTo(160, 9);
    expect(panelSchema.safeParse({ ...panel, camera: { azimuth: 0, elevation: 120, zoom: 1 } }).success).toBe(false);
  });

  it('name the views checked on pictures (azimuth 90 shows the left hemisphere) and say oblique cameras in numbers', () => {
    expect(renderViewName({ azimuth: 90, elevation: 0, zoom: 1 })).toBe('left lateral');
    expect(renderViewName({ azimuth: -90.5, elevation: 0.4, zoom: 1 })).toBe('right lateral');
    expect(renderViewName({ azimuth: 37, elevation: 90, zoom: 1 })).toBe('superior');
    expect(renderViewName({ azimuth: 110, elevation: 10, zoom: 1 })).toBeNull();
    expect(renderCameraText({ azimuth: -90, elevation: 0, zoom: 1.5 })).toBe('right lateral view, azimuth 270°, elevation 0°, zoom 1.5');
    expect(renderCameraText({ azimuth: 110, elevation: 10, zoom: 1 })).toBe('azimuth 110°, elevation 10°, zoom 1');
  });

  it('ask the capture for the stored camera and clip plane at the pixel size given', () => {
    const vol = { grid: { dims: [2, 2, 2] as [number, number, number], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }, data: new Float32Array(8) };
    const colours = { posMap: 'warm', negMap: 'winter', pos: 3, neg: -3, max: 6, min: -6 };
    const p = { ...panel, camera: { azimuth: 270, elevation: 0, zoom: 1.2 }, clipPlane: [0.05, 270, 0] as [number, number, number] };
    const req = renderRequest(p, [{ volume: vol, colours, opacity: 1 }], 'template_ch2bet.nii.gz', { min: 0, max: 90 }, 400, 320, [255, 255, 255]);
    expect(req).toMatchObject({ kind: 'render', pxW: 400, pxH: 320, templateFile: 'template_ch2bet.nii.gz', camera: { azimuth: 270, elevation: 0, zoom: 1.2 }, clipPlane: [0.05, 270, 0], background: [255, 255, 255] });
    expect(req.overlays[0].volume).toBe(vol);
    // The request holds copies: changing the panel afterwards does not change what is drawn.
    p.clipPlane[0] = 0.5;
    expect(req.clipPlane![0]).toBe(0.05);
  });
});
