export type { Mat4, Grid, AffineSource } from './types';
export { IDENTITY, multiply4, det3, invert4, isUsableAffine, voxelToMm, mmToVoxel, voxelSizes } from './matrix';
export { quaternToAffine, affineToQuatern, safeVoxelSize } from './quaternion';
export { affineFromHeader } from './affine';
export { sameGrid, describeGrid } from './grid';
export { resample } from './resample';
export { orientationCode } from './orientation';
export { checkStandardSpace, nativeSpaceWarning, brainCoverage, obliqueDegrees, MNI_BRAIN_BOX, MIN_BRAIN_COVERAGE, type SpaceCheck } from './standardSpace';
