// Starts a reader thread on the TypeScript sources: worker threads do not inherit the loader of
// the process that starts them (tsx, vitest, or none for the compiled server), so each one
// registers tsx itself before importing its entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
