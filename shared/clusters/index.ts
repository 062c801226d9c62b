export { findClusters, labelThreshold, clusterTable, UNLABELLED } from './clusters';
export type { AtlasLike, Cluster, ClusterOptions, ClusterResult, ClusterWorkspace, LabelShare } from './clusters';
export { labelComponents } from './label';
export type { Connectivity, Components } from './label';
export { localMaxima, pickSubPeaks, DEFAULT_SUBPEAKS, DEFAULT_MIN_DISTANCE_MM } from './subpeaks';
export type { SubPeak, SubPeakOptions } from './subpeaks';
