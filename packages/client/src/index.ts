export * from './api.js';
export * from './simulated/index.js';
