export { findClusters, labelThreshold, clusterTable, UNLABELLED } from './clusters';
export type { AtlasLike, Cluster, ClusterOptions, ClusterResult, ClusterWorkspace, LabelShare } from './clusters';
export { labelComponents } from './label';
export type { Connectivity, Components } from './label';
