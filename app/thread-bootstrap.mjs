// Starts a worker thread on the TypeScript sources: a thread does not inherit the loader of the
// process that starts it (tsx, vitest, or none for the compiled server), so each one registers
// tsx itself before importing its entry (see thread-scripts.ts).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
