import type { Logger } from 'pino';
import { AppError } from '../../domain/app-error.js';
import { protocolNumber, type ProtocolNumber } from '../../domain/requests/protocol-number.js';
import { decideRequest, type IntakePlan, type RequestPlan } from './intake-decision.js';
import type { ReplyOptions } from './intake-facts.js';
import type { IntakeDecision, IntakeStore, RegisteredMessage } from './intake-store.js';
import { ProtocolNumbering } from './protocol-numbering.js';
import { combineDecisions } from './form-plans.js';
import { ReplyCounts, type ReplyCounter } from './reply-counts.js';

/** Where the watcher should move the message once its outcome is committed. */
export type Disposition = 'processed' | 'staff' | 'quarantine';

/** Something to tell once an outcome is committed (the bot subscribes; durable delivery is the outbox). */
export type IntakeListener = (event: {
  inboundId: string;
  disposition: Disposition;
  protocol: string | null;
  kind: string;
}) => void;

/** How automatic replies are limited, besides what the reply itself needs. */
export interface CommitOptions extends ReplyOptions {
  /** Automatic replies to one authenticated sender in the last hour above which the office answers by hand. */
  readonly maxRepliesPerSenderPerHour: number;
  /** The same, for all the registered offices of one Comune together. */
  readonly maxRepliesPerMunicipalityPerHour: number;
}

/** A registered message and what reading it came to (`null`: it was done before). */
export interface PlannedMessage {
  readonly row: RegisteredMessage;
  readonly plan: IntakePlan | null;
}

/** Other processes taking numbers meanwhile: give up (and retry the message later) after this many. */
const maxNumberingAttempts = 20;

/**
 * Records the intake's outcomes in arrival order, so that protocol numbers follow arrival: one
 * message at a time, or several in one transaction (a backlog pays one commit for what was read
 * meanwhile). A request is decided under the number this process expects, and decided again under
 * the next free one if another process took it first.
 */
export class IntakeCommits {
  private readonly numbering: ProtocolNumbering;

  constructor(
    private readonly store: IntakeStore,
    private readonly options: CommitOptions,
    private readonly listeners: readonly IntakeListener[],
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {
    this.numbering = new ProtocolNumbering(store);
  }

  /** Reply counts for one batch: read once, then counted here. */
  replyCounts(): ReplyCounts {
    return new ReplyCounts(this.store, this.clock);
  }

  async commit({ row, plan }: PlannedMessage, replies: ReplyCounts): Promise<Disposition> {
    if (!plan) return dispositionOf(row.state);
    if (plan.kind === 'decided') {
      const result = await this.store.complete(row.id, plan.decision);
      return this.finished(row.id, plan.decision, result.status === 'number_taken' ? null : result.protocol);
    }
    const requests = [plan.request, ...(plan.more ?? [])];
    const tentative = new Map<string, number>();
    const limited: boolean[] = [];
    for (const request of requests) limited.push(await this.rateLimited(request, replies, tentative));
    for (let attempt = 1; ; attempt += 1) {
      const first = await this.numbering.expected(plan.request.year);
      const decided = this.decide(plan, first.number, limited);
      const result = await this.store.complete(row.id, decided.decision);
      if (result.status === 'number_taken') {
        if (attempt >= maxNumberingAttempts)
          throw new AppError('conflict', `protocol numbers of ${plan.request.year} kept being taken`);
        this.numbering.taken(plan.request.year, result.next);
        continue;
      }
      if (result.status === 'completed')
        decided.protocols.forEach((protocol, index) => this.counted(requests[index]!, protocol, replies));
      return this.finished(row.id, decided.decision, result.protocol);
    }
  }

  /** A message's requests decided under consecutive numbers from `first`, as one decision. */
  private decide(
    plan: Extract<IntakePlan, { kind: 'request' }>,
    first: number,
    limited: readonly boolean[],
  ): { decision: IntakeDecision; protocols: ProtocolNumber[] } {
    const requests = [plan.request, ...(plan.more ?? [])];
    const protocols = requests.map((request, index) => protocolNumber(request.year, first + index));
    const decisions = requests.map((request, index) =>
      decideRequest(request, protocols[index]!, limited[index] ?? false, this.options),
    );
    return { decision: combineDecisions(decisions, plan.staffMessages), protocols };
  }

  /**
   * Commits the group in one transaction; when a number was taken meanwhile, nothing of it was
   * written, and its messages are committed one at a time instead.
   */
  async commitGroup(group: readonly PlannedMessage[], replies: ReplyCounts): Promise<Disposition[]> {
    if (group.filter(({ plan }) => plan).length < 2) {
      const dispositions: Disposition[] = [];
      for (const entry of group) dispositions.push(await this.commit(entry, replies));
      return dispositions;
    }
    const decided: { entry: PlannedMessage; decision: IntakeDecision; protocols: ProtocolNumber[] }[] = [];
    const tentative = new Map<string, number>();
    const nextOfYear = new Map<number, number>();
    for (const entry of group) {
      const { plan } = entry;
      if (!plan) continue;
      if (plan.kind === 'decided') {
        decided.push({ entry, decision: plan.decision, protocols: [] });
        continue;
      }
      const { year } = plan.request;
      const requests = [plan.request, ...(plan.more ?? [])];
      const number = nextOfYear.get(year) ?? (await this.numbering.expected(year)).number;
      nextOfYear.set(year, number + requests.length);
      const limited: boolean[] = [];
      for (const request of requests) limited.push(await this.rateLimited(request, replies, tentative));
      const { decision, protocols } = this.decide(plan, number, limited);
      decided.push({ entry, protocols, decision });
    }
    const outcome = await this.store.completeAll(
      decided.map(({ entry, decision }) => ({ inboundId: entry.row.id, decision })),
    );
    if (outcome.status === 'number_taken') {
      this.numbering.taken(outcome.year, outcome.next);
      const dispositions: Disposition[] = [];
      for (const entry of group) dispositions.push(await this.commit(entry, replies));
      return dispositions;
    }
    const byRow = new Map<string, Disposition>();
    decided.forEach(({ entry, decision, protocols }, index) => {
      const result = outcome.results[index]!;
      const plan = entry.plan;
      if (result.status === 'completed' && plan?.kind === 'request') {
        const requests = [plan.request, ...(plan.more ?? [])];
        protocols.forEach((protocol, at) => this.counted(requests[at]!, protocol, replies));
      }
      byRow.set(entry.row.id, this.finished(entry.row.id, decision, result.protocol));
    });
    return group.map(({ row }) => byRow.get(row.id) ?? dispositionOf(row.state));
  }

  /** Counted in arrival order, so that messages triaged together do not all pass the limit. */
  private async rateLimited(
    request: RequestPlan,
    replies: ReplyCounts,
    tentative: Map<string, number>,
  ): Promise<boolean> {
    const counters: [ReplyCounter, number][] = [
      [{ sender: request.sender }, this.options.maxRepliesPerSenderPerHour],
      [{ municipalityId: request.senderMunicipalityId }, this.options.maxRepliesPerMunicipalityPerHour],
    ];
    let limited = false;
    for (const [counter, limit] of counters) {
      const key = JSON.stringify(counter);
      const earlier = tentative.get(key) ?? 0;
      if ((await replies.lastHour(counter)) + earlier >= limit) limited = true;
      tentative.set(key, earlier + 1);
    }
    return limited;
  }

  private counted(request: RequestPlan, protocol: ProtocolNumber, replies: ReplyCounts): void {
    this.numbering.used(protocol.year, protocol.number);
    replies.added({ sender: request.sender });
    replies.added({ municipalityId: request.senderMunicipalityId });
  }

  private finished(inboundId: string, decision: IntakeDecision, protocol: string | null): Disposition {
    const disposition = dispositionOf(decision.state);
    if (decision.state === 'quarantined')
      // The reason may quote a file name ("Richiesta ADM Rossi Luca …"): it stays on the row, for staff.
      this.logger.warn({ inboundId }, 'message quarantined');
    this.logger.info({ inboundId, kind: decision.kind, disposition, protocol }, 'message handled');
    for (const listener of this.listeners)
      listener({ inboundId, disposition, protocol, kind: decision.kind });
    return disposition;
  }
}

function dispositionOf(state: string): Disposition {
  if (state === 'quarantined') return 'quarantine';
  if (state === 'forwarded') return 'staff';
  return 'processed';
}
