import { Worker } from 'node:worker_threads';
import { AppError } from '../domain/app-error.js';
import type { ContractFields, ContractTemplateName } from '../domain/contracts/contract-fields.js';
import type { RenderAnswer, RenderJob } from './contract-render-worker.js';
import type { ContractTemplates } from './contract-templates.js';

/** The thread at work, and the timer of the oldest contract it holds. */
interface RenderThread {
  readonly worker: Worker;
  timer: NodeJS.Timeout | null;
}

interface Pending {
  resolve(docx: Uint8Array): void;
  reject(error: unknown): void;
}

/**
 * Fills the contract templates on a thread of its own. Filling one takes a few milliseconds once
 * the code is warm, but contracts are few and far between, so each is filled cold: 40–130 ms of
 * CPU measured on the event loop (bench:mail), where the bot and the mailbox wait. The thread
 * starts at the first contract and stays; one that fails, hangs or exits fails the contracts it
 * held (a click on the card, or the next start's catch-up, writes a missing document) and the next
 * contract starts a new one.
 */
export class ThreadedContractRenderer {
  private running: RenderThread | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly templates: ContractTemplates,
    /** What the thread starts (app/thread-scripts.ts). */
    private readonly thread: { readonly script: URL; readonly entry: string },
    private readonly timeoutMs = 30_000,
  ) {}

  /** The filled contract as a DOCX file. */
  render(name: ContractTemplateName, fields: ContractFields): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(unavailable('the contract renderer is closed'));
    const thread = this.running ?? this.start();
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.worker.ref(); // a contract under way keeps Sportello up
      if (!thread.timer) this.watch(thread);
      thread.worker.postMessage({ id, name, fields } satisfies RenderJob);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const thread = this.running;
    if (thread) await this.lose(thread, 'the contract renderer is closed');
  }

  private start() {
    const worker = new Worker(this.thread.script, {
      workerData: { entry: this.thread.entry, templates: this.templates.files() },
      execArgv: [], // not the parent's flags (its loader, a profiler)
    });
    const thread: RenderThread = { worker, timer: null };
    this.running = thread;
    worker.unref();
    worker.on('message', (answer: RenderAnswer) => this.answer(thread, answer));
    worker.on('error', (error) => void this.lose(thread, error.message));
    worker.on('exit', (code) => void this.lose(thread, `thread exited with code ${code}`));
    return thread;
  }

  /** The contracts the thread holds must be answered within `timeoutMs`, or it is given up. */
  private watch(thread: RenderThread): void {
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = setTimeout(
      () => this.lose(thread, `no answer within ${this.timeoutMs} ms`),
      this.timeoutMs,
    );
  }

  private answer(thread: RenderThread, answer: RenderAnswer): void {
    const job = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if (this.pending.size > 0) this.watch(thread);
    else {
      if (thread.timer) clearTimeout(thread.timer);
      thread.timer = null;
      thread.worker.unref();
    }
    if (!job) return;
    if ('docx' in answer) job.resolve(answer.docx);
    else job.reject(unavailable(answer.failed));
  }

  /** The thread is given up: what it held fails, and the next contract starts another. */
  private async lose(thread: RenderThread, why: string): Promise<void> {
    if (this.running !== thread) return;
    this.running = null;
    if (thread.timer) clearTimeout(thread.timer);
    for (const job of this.pending.values()) job.reject(unavailable(why));
    this.pending.clear();
    await thread.worker.terminate();
  }
}

function unavailable(why: string): AppError {
  return new AppError('document_unavailable', `Contract not rendered: ${why}`);
}
