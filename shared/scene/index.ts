export * from './types';
export * from './defaults';
export * from './layers';
export * from './view';
export * from './coords';
export * from './detect';
export * from './validate';
export * from './gridNote';
