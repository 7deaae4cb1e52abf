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
  /** When the message was received, for a request it registered (the latency of its reply). */
  receivedAt: Date | null;
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

  /** One message: the group of one. */
  async commit(entry: PlannedMessage, replies: ReplyCounts): Promise<Disposition> {
    return (await this.commitGroup([entry], replies))[0]!;
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
   * Commits the messages in one transaction, their requests numbered in arrival order. When a number
   * was taken meanwhile nothing was written: a group is then committed one message at a time, and a
   * single message is decided again under the next free number.
   */
  async commitGroup(group: readonly PlannedMessage[], replies: ReplyCounts): Promise<Disposition[]> {
    const planned = group.filter((entry): entry is PlannedMessage & { plan: IntakePlan } => !!entry.plan);
    if (planned.length === 0) return group.map(({ row }) => dispositionOf(row.state));
    // Whether each request's reply is withheld is counted once, in arrival order, whatever the retries.
    const limits = await this.replyLimits(planned, replies);
    for (let attempt = 1; ; attempt += 1) {
      const decided = await this.decideAll(planned, limits);
      const outcome = await this.store.completeAll(
        decided.map(({ entry, decision }) => ({ inboundId: entry.row.id, decision })),
      );
      if (outcome.status === 'number_taken') {
        this.numbering.taken(outcome.year, outcome.next);
        if (planned.length > 1) {
          const dispositions: Disposition[] = [];
          for (const entry of group) dispositions.push(await this.commit(entry, replies));
          return dispositions;
        }
        if (attempt >= maxNumberingAttempts)
          throw new AppError('conflict', `protocol numbers of ${outcome.year} kept being taken`);
        continue;
      }
      const byRow = new Map<string, Disposition>();
      decided.forEach(({ entry, decision, protocols }, index) => {
        const result = outcome.results[index]!;
        if (result.status === 'completed' && entry.plan.kind === 'request') {
          const requests = [entry.plan.request, ...(entry.plan.more ?? [])];
          protocols.forEach((protocol, at) => this.counted(requests[at]!, protocol, replies));
        }
        byRow.set(entry.row.id, this.finished(entry.row.id, decision, result.protocol));
      });
      return group.map(({ row }) => byRow.get(row.id) ?? dispositionOf(row.state));
    }
  }

  /** Each planned request's reply: withheld or not, by the counts of the last hour and those before it. */
  private async replyLimits(
    planned: readonly (PlannedMessage & { plan: IntakePlan })[],
    replies: ReplyCounts,
  ): Promise<Map<string, boolean[]>> {
    const tentative = new Map<string, number>();
    const limits = new Map<string, boolean[]>();
    for (const { row, plan } of planned) {
      if (plan.kind !== 'request') continue;
      const limited: boolean[] = [];
      for (const request of [plan.request, ...(plan.more ?? [])])
        limited.push(await this.rateLimited(request, replies, tentative));
      limits.set(row.id, limited);
    }
    return limits;
  }

  /** The group's decisions, the requests numbered from the numbers this process expects next. */
  private async decideAll(
    planned: readonly (PlannedMessage & { plan: IntakePlan })[],
    limits: ReadonlyMap<string, readonly boolean[]>,
  ) {
    const decided: {
      entry: PlannedMessage & { plan: IntakePlan };
      decision: IntakeDecision;
      protocols: ProtocolNumber[];
    }[] = [];
    const nextOfYear = new Map<number, number>();
    for (const entry of planned) {
      const { plan } = entry;
      if (plan.kind === 'decided') {
        decided.push({ entry, decision: withDocuments(plan.decision, plan), protocols: [] });
        continue;
      }
      const { year } = plan.request;
      const number = nextOfYear.get(year) ?? (await this.numbering.expected(year)).number;
      nextOfYear.set(year, number + 1 + (plan.more?.length ?? 0));
      const { decision, protocols } = this.decide(plan, number, limits.get(entry.row.id) ?? []);
      decided.push({ entry, decision: withDocuments(decision, plan), protocols });
    }
    return decided;
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
      listener({
        inboundId,
        disposition,
        protocol,
        kind: decision.kind,
        receivedAt: decision.request?.receivedAt ?? null,
      });
    return disposition;
  }
}

function dispositionOf(state: string): Disposition {
  if (state === 'quarantined') return 'quarantine';
  if (state === 'forwarded') return 'staff';
  return 'processed';
}

/** The decision with the files the message brought, which the register records whatever it says. */
function withDocuments(decision: IntakeDecision, plan: IntakePlan): IntakeDecision {
  return plan.documents?.length ? { ...decision, documents: plan.documents } : decision;
}
