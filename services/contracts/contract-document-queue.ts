import type { Logger } from 'pino';
import type { ContractDocumentWriter } from './contract-card-actions.js';

/** Where the queue finds the contracts whose document is still to be written. */
export interface ContractDocumentSource {
  contractForProtocol(protocol: string): Promise<string | null>;
  /** Contracts of any state whose document was never written, oldest first. */
  contractsWithoutDocument(limit: number): Promise<string[]>;
}

/** How long documents wait after the intake last handled a message, in case more follow. */
export const intakeQuietMs = 2_000;

/**
 * Writes the contract of every accepted request in the background, one document at a time, so
 * that the card staff open links it and the click never waits for LibreOffice, and so that no
 * document is ever written while a message is being taken in: the intake only says which request
 * was accepted. At start it also writes what a restart left unwritten.
 */
export class ContractDocumentQueue {
  private readonly waiting: (() => Promise<string | null>)[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Until when documents wait: the intake was working a moment ago and may have more to do. */
  private busyUntil = 0;
  /** What documents wait for first (the mail side's start, set by the composition root). */
  private hold: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: ContractDocumentSource,
    private readonly writer: ContractDocumentWriter,
    private readonly logger: Logger,
    /** Other foreground work documents also wait for (the outbox sending replies). */
    private readonly foregroundBusy: () => boolean = () => false,
  ) {}

  /** The contract of the request numbered `protocol`, if it opened one. */
  enqueueProtocol(protocol: string): void {
    this.push(() => this.source.contractForProtocol(protocol));
  }

  /**
   * The intake just handled a message: documents wait until it has been quiet for `quietMs`, so
   * that LibreOffice never takes the CPU from a backlog of mail (a card links its document a little
   * later; the click writes a missing DOCX at once anyway).
   */
  yieldTo(quietMs = intakeQuietMs): void {
    this.busyUntil = Date.now() + quietMs;
  }

  /**
   * Documents wait for `started` (the intake's start), then for the intake's quiet: after a
   * restart the inbox often holds a backlog, and the office's own start-up costs seconds of CPU.
   */
  holdUntil(started: Promise<unknown>, quietMs = intakeQuietMs): void {
    const yieldAfter = () => this.yieldTo(quietMs);
    this.hold = started.then(yieldAfter, yieldAfter);
  }

  /** Every contract still without its document (after a restart, or when LibreOffice came later). */
  async catchUp(): Promise<number> {
    const missing = await this.source.contractsWithoutDocument(200);
    for (const contractId of missing) this.push(async () => contractId);
    return missing.length;
  }

  /** Resolves once everything queued so far is written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Takes nothing more and waits a little for the document being written; a PDF may take seconds
   * (a first office start), and a shutdown must not: a document cut short is written again by the
   * next start's catch-up.
   */
  async stop(graceMs = 2_000): Promise<void> {
    this.stopped = true;
    this.waiting.splice(0);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([this.idle(), grace]);
    clearTimeout(timer);
  }

  private push(find: () => Promise<string | null>): void {
    if (this.stopped) return;
    this.waiting.push(find);
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  /** Resolves once neither the intake (recently) nor other foreground work is busy. */
  private async quiet(): Promise<void> {
    await this.hold;
    for (;;) {
      if (this.stopped) return;
      const wait = this.busyUntil - Date.now();
      if (wait <= 0 && !this.foregroundBusy()) return;
      await new Promise((resolve) => setTimeout(resolve, wait > 0 ? wait : 200));
    }
  }

  private async drain(): Promise<void> {
    for (let find = this.waiting.shift(); find; find = this.waiting.shift()) {
      await this.quiet();
      if (this.stopped) return;
      let contractId: string | null = null;
      try {
        contractId = await find();
        if (contractId) await this.writer.ensureDocument(contractId);
      } catch (error) {
        // The draft stays without document: the click writes it, or the next start's catch-up.
        this.logger.error({ err: error, contractId }, 'contract document not written');
      }
    }
  }
}
