export type { NiftiHeader, NiftiImage, NiftiErrorCode, ReadLimits } from './types';
export { NiftiError } from './errors';
export { readNifti, readNiftiPair, readNiftiHeader, readNiftiInflated, niftiSizeFromHeader, frameOf, type ReadOptions } from './read';
export { writeNifti, type NiftiWriteSpec, type WriteOptions, type WritableDatatype } from './write';
export { NIFTI_INTENT, intentName } from './intent';
export { datatypeInfo, datatypeByName, type DatatypeInfo } from './datatypes';
export { isGzip, inflatePrefix, crc32, type InflateHook } from './gzip';
export { DEFAULT_MAX_VOXEL_BYTES } from './header';
