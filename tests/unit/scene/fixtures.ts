import type { Layer, LayerKind } from '../../../shared/scene';

const MNI_1MM = { dims: [181, 217, 181] as [number, number, number], affine: [1, 0, 0, -90, 0, 1, 0, -125, 0, 0, 1, -71, 0, 0, 0, 1] };

export function makeLayer(id: string, kind: LayerKind = 'stat', nFrames = 1): Layer {
  return {
    id,
    name: `${id}.nii`,
    source: { type: 'file', path: `/data/${id}.nii` },
    kind,
    visible: true,
    opacity: 1,
    colormap: 'redyell',
    colormapNeg: 'blue2cyan',
    thresholds: { pos: 3.1, neg: -3.1 },
    range: { min: -6, max: 6 },
    frame: 0,
    nFrames,
    grid: MNI_1MM,
    resampled: false,
    notes: [],
    warnings: [],
    dof: null,
    dataRange: { min: -6, max: 6 },
  };
}
