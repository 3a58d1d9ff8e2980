// The --sql-timing preload. Worker threads inherit the server's `--import` flags but not the tsx
// loader the main thread registered, so in the message writer thread the TypeScript preload would
// fail to load and the thread would not start: register tsx there first. The writer's statements
// are then timed too (each thread writes its own file: SQL_TIMING_FILE gets the thread id).
import { isMainThread } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

if (!isMainThread) register();
await import('./sql-timing.ts');
