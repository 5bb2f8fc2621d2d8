// Starts the reading worker from the TypeScript sources (tests, `npm run dev`): a worker does
// not inherit the tsx loader of its parent, so it registers it before importing the module.
// The bundle run by `npm start` uses dist/read-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
