export { generateDemoStudy, demoStudyBatches, demoFileNames, DEMO_SEED, DEMO_SUBJECTS, DEMO_CONDITIONS, DEMO_NAME, DEMO_GZIP_LEVEL, type DemoOptions } from './generate';
export { MNI_2MM, buildAnatomy, regionCentroids, type DemoAnatomy } from './anatomy';
export { MAP_MEASURES, MATRIX_NODES, SEEDS } from './model';
export { Random } from './random';
export { SmoothNoise } from './noise';
