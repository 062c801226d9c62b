export { surfaceNets, smoothMesh, meshToMm, blockAny, brainShell, type Mesh } from './surfaceNets';
