// A worker thread's first module. Worker threads do not inherit a loader registered by a test
// runner, so the TypeScript loader the server runs under (tsx) is registered here, in the thread,
// before the thread's own module (workerData.entry) is imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
