import { SLICE_TYPE } from '@niivue/niivue';
import type { SliceType } from '../../../shared/scene';

export const NIIVUE_SLICE: Record<SliceType, SLICE_TYPE> = {
  axial: SLICE_TYPE.AXIAL,
  coronal: SLICE_TYPE.CORONAL,
  sagittal: SLICE_TYPE.SAGITTAL,
  multiplanar: SLICE_TYPE.MULTIPLANAR,
  render3d: SLICE_TYPE.RENDER,
};
