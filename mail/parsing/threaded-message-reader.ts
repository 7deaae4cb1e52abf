import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AppError } from '../../domain/app-error.js';
import type { ReadAnswer, ReadJob } from './message-reader-worker.js';
import { unreadableMessage, type ReadMessage } from '../../services/intake/message-reader.js';
import type { ReadOptions } from './read-message.js';

export interface ThreadedReaderOptions extends ReadOptions {
  /** Reader threads: decoding MIME, PDF and DOCX is CPU work that would stall the event loop. */
  readonly threads: number;
  /** A message not read within this time is given up, and its thread replaced. */
  readonly timeoutMs: number;
  /** Heap of each thread: a message that needs more is given up, and Sportello goes on. */
  readonly memoryMb: number;
}

interface Job {
  readonly id: number;
  readonly raw: Uint8Array;
  readonly deliveredAt: Date;
  resolve(read: ReadMessage): void;
  reject(error: unknown): void;
}

interface Thread {
  readonly worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** When its job was handed over (performance.now()). */
  sentAt: number;
}

/**
 * Reads messages on worker threads, so that the event loop serving the bot, the database and the
 * mailbox never waits on a big attachment. A message whose reading hangs, runs out of memory or
 * crashes its thread fails alone with an Italian reason (the intake quarantines it) and the thread
 * is replaced; a thread that cannot start at all is Sportello's fault, not the message's: those
 * reads fail as unavailable, and the messages stay in the inbox for the next attempt.
 */
/** One message read on a thread: how long it took, and whether a scan in it needed OCR. */
export interface ReaderTiming {
  readonly seconds: number;
  readonly ocr: boolean;
}

export class ThreadedMessageReader {
  private readonly queue: Job[] = [];
  private readonly timings = new Set<(timing: ReaderTiming) => void>();
  private readonly threads = new Set<Thread>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: ThreadedReaderOptions,
    private readonly logger: Logger,
    /** What each thread starts (app/thread-scripts.ts). */
    private readonly thread: { readonly script: URL; readonly entry: string },
  ) {}

  read(raw: Uint8Array, deliveredAt: Date): Promise<ReadMessage> {
    if (this.closed) return Promise.reject(unavailable('the reader is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, raw, deliveredAt, resolve, reject });
      this.dispatch();
    });
  }

  /** Messages waiting for a thread, and threads at work (metrics). */
  load(): { waiting: number; busy: number } {
    const busy = [...this.threads].filter((thread) => thread.job !== null).length;
    return { waiting: this.queue.length, busy };
  }

  /** Calls `listener` after each message read (metrics: the OCR time). */
  onRead(listener: (timing: ReaderTiming) => void): void {
    this.timings.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(unavailable('the reader is closed'));
    await Promise.all([...this.threads].map((thread) => this.retire(thread)));
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (thread.ready && !thread.job) this.send(thread, this.queue.shift()!);
    }
    const starting = [...this.threads].filter((thread) => !thread.ready).length;
    if (this.queue.length > starting && this.threads.size < this.options.threads) this.spawn();
  }

  private send(thread: Thread, job: Job): void {
    thread.job = job;
    thread.sentAt = performance.now();
    thread.timer = setTimeout(() => {
      const seconds = Math.max(1, Math.round(this.options.timeoutMs / 1000));
      const limit = seconds === 1 ? 'un secondo' : `${seconds} secondi`;
      this.fail(thread, unreadable(`la lettura del messaggio ha superato ${limit}`));
    }, this.options.timeoutMs);
    // A copy of its own, moved (not copied again) to the thread.
    const raw = new Uint8Array(job.raw);
    const message: ReadJob = { id: job.id, raw, deliveredAt: job.deliveredAt };
    thread.worker.postMessage(message, [raw.buffer]);
  }

  private spawn(): void {
    const { threads: _threads, timeoutMs: _timeout, memoryMb, ...readOptions } = this.options;
    const worker = new Worker(this.thread.script, {
      workerData: { entry: this.thread.entry, options: readOptions },
      execArgv: [], // not the parent's flags (its loader, a profiler)
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    const thread: Thread = { worker, ready: false, job: null, timer: null, sentAt: 0 };
    this.threads.add(thread);
    worker.on('message', (answer: ReadAnswer | 'ready') => {
      if (answer === 'ready') {
        thread.ready = true;
      } else if (thread.job?.id === answer.id) {
        const job = thread.job;
        const seconds = (performance.now() - thread.sentAt) / 1000;
        this.finish(thread);
        if ('read' in answer) {
          const ocr = answer.read.parsed.mail.texts.some((text) => text.scan !== undefined);
          for (const listener of this.timings) listener({ seconds, ocr });
        }
        if ('read' in answer) job.resolve(answer.read);
        else job.reject(unreadable(unreadableMessage, answer.failed));
      }
      this.dispatch();
    });
    const lost = (why: string, error?: unknown) => {
      if (!this.threads.has(thread)) return;
      if (!thread.ready) {
        // Nothing was read on it: the fault is Sportello's. The waiting messages are retried later.
        this.logger.error({ err: error, why }, 'message reader thread did not start');
        void this.retire(thread);
        for (const job of this.queue.splice(0)) job.reject(unavailable(why, error));
        return;
      }
      const outOfMemory = (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(
        thread,
        unreadable(
          outOfMemory
            ? `la lettura del messaggio richiede più di ${this.options.memoryMb} MB di memoria`
            : 'la lettura del messaggio si è interrotta',
          why,
        ),
      );
    };
    worker.on('error', (error) => lost(error.message, error));
    worker.on('exit', (code) => lost(`thread exited with code ${code}`));
  }

  /** The job on `thread` fails with `error`; the thread is replaced, since it may be stuck. */
  private fail(thread: Thread, error: AppError): void {
    const job = thread.job;
    this.finish(thread);
    void this.retire(thread);
    if (job) {
      this.logger.warn({ code: error.code }, 'message could not be read');
      job.reject(error);
    }
    this.dispatch();
  }

  private finish(thread: Thread): void {
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = null;
    thread.job = null;
  }

  private async retire(thread: Thread): Promise<void> {
    this.threads.delete(thread);
    this.finish(thread);
    await thread.worker.terminate();
  }
}

function unreadable(reason: string, detail?: string): AppError {
  return new AppError('mail_unreadable', `Message not read: ${detail ?? reason}`, { userMessage: reason });
}

function unavailable(why: string, cause?: unknown): AppError {
  return new AppError('mail_reader_unavailable', `Message reader unavailable: ${why}`, { cause });
}
