// The benchmark's public entry point for other code (its tests): the command is `bench/run.ts`
// (npm run bench); these are the pure pieces it is built on, exported for unit tests.
export { parseArgs } from './options.js';
export { thin } from './report.js';
export { CyclingSpellings, fitWindow, leastSquaresFit, leastSquaresSlope } from './soak-math.js';
