export { surfaceNets, smoothMesh, meshToMm, blockAny, brainShell, type Mesh } from './surfaceNets';
export { CORTEX_BUILDER_VERSION, cortexSurface, cortexSurfaces, hemisphereMask, inflate, vertexNormals, flipWinding, type Hemisphere, type BoxMask } from './cortex';
export { projectToSurface, type ProjectOptions } from './project';
export { encodeGifti } from './gifti';
export { clusterTriangles } from './decimate';
