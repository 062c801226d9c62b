export * from './types';
export * from './store';
export * from './selectors';
export * from './study';
export * from './compare';
