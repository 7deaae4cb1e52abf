import { parentPort, workerData } from 'node:worker_threads';
import type { ContractFields, ContractTemplateName } from '../domain/contracts/contract-fields.js';
import { ContractTemplates } from './contract-templates.js';

// The thread of ThreadedContractRenderer: fills the templates it was given, one contract at a time.

/** A contract to fill, as the renderer sends it. */
export interface RenderJob {
  readonly id: number;
  readonly name: ContractTemplateName;
  readonly fields: ContractFields;
}

/** What the thread answers for a job. */
export type RenderAnswer =
  { readonly id: number; readonly docx: Uint8Array } | { readonly id: number; readonly failed: string };

const templates = ContractTemplates.ofChecked(
  (workerData as { templates: ReadonlyMap<ContractTemplateName, Uint8Array> }).templates,
);
const port = parentPort!;
port.on('message', async (job: RenderJob) => {
  try {
    const docx = await templates.render(job.name, job.fields);
    port.postMessage({ id: job.id, docx } satisfies RenderAnswer, [docx.buffer as ArrayBuffer]);
  } catch (error) {
    const failed = error instanceof Error ? error.message : String(error);
    port.postMessage({ id: job.id, failed } satisfies RenderAnswer);
  }
});
port.postMessage('ready');
