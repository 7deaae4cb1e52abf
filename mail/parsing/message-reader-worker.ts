import { parentPort, workerData } from 'node:worker_threads';
import { readMessage, type ReadOptions } from './read-message.js';

// One thread of the ThreadedMessageReader: reads the messages it is sent, one at a time.

/** A message to read, as the pool sends it. */
export interface ReadJob {
  readonly id: number;
  readonly raw: Uint8Array;
  readonly deliveredAt: Date;
}

/** What the thread answers for a job. */
export type ReadAnswer =
  | { readonly id: number; readonly read: Awaited<ReturnType<typeof readMessage>> }
  | { readonly id: number; readonly failed: string };

const options = (workerData as { options: ReadOptions }).options;
const port = parentPort!;
port.on('message', async (job: ReadJob) => {
  let answer: ReadAnswer;
  try {
    answer = { id: job.id, read: await readMessage(job.raw, job.deliveredAt, options) };
  } catch (error) {
    answer = { id: job.id, failed: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
port.postMessage('ready');
