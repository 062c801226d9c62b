export { logGamma, logBeta, incompleteBeta, tSurvival, tCdf, tToP, pToT } from './tdist';
export { pairedT, pairedTRange, welchT, oneSampleT, hedgesCorrection, StatsInputError } from './ttest';
export type { PairedResult, PairedOptions, PairedRangeOutput, WelchResult, OneSampleResult, VoxelwiseOptions } from './ttest';
export { pMap, pMapRange } from './pmap';
export { anyNonZero } from './nonzero';
export { fdrBH, fdrThresholdP, fdrThresholdT } from './fdr';
export { describe, cohenDzCI, hedgesG, pairedTest } from './effect';
export type { Description, PairedTestResult } from './effect';
