import type { ProviderName } from '../../../services/intake/provider-names.js';
import type { RunningProject } from '../../../services/intake/intake-store.js';
import { randomUUID } from 'node:crypto';
import type {
  CompletionResult,
  GroupCompletionResult,
  InboundMessageInput,
  InboundState,
  IntakeDecision,
  IntakeStore,
  ProjectToChange,
  RegisteredMessage,
} from '../../../services/intake/intake-store.js';
import type { ContractReplyContext } from '../../../services/contracts/contract-reply-messages.js';
import type { OutboxMessage } from '../../../services/outbox/outbox-message.js';

interface StoredMessage {
  id: string;
  key: string;
  state: InboundState;
  attempts: number;
  contentHash: string;
}

/**
 * The intake's interface in memory, with the same promises as the database: one row per mailbox
 * and dedupe key, one completion, numbers without gaps, outbox rows unique per idempotency key.
 */
export class InMemoryIntakeStore implements IntakeStore {
  readonly messages = new Map<string, StoredMessage>();
  readonly requests: { inboundId: string; protocol: string; decision: IntakeDecision; at: Date }[] = [];
  readonly outbox = new Map<string, OutboxMessage & { createdAt: Date }>();
  readonly lastNumber = new Map<number, number>();
  /** Running projects by codice fiscale and service (`RSSMRA…/SAD`). */
  readonly projects = new Map<string, ProjectToChange>();
  /** Contracts by the Message-ID of the e-mail that carried them. */
  readonly contracts = new Map<string, ContractReplyContext>();
  /** How many messages each transaction recorded (or tried to), in order. */
  readonly completions: number[] = [];
  /** Numbers taken by "another process" before the next completion, to exercise the retry. */
  takeBeforeNextCompletion = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async register(message: InboundMessageInput): Promise<RegisteredMessage> {
    const key = `${message.mailbox}\n${message.dedupeKey}`;
    const existing = [...this.messages.values()].find((row) => row.key === key);
    if (existing) return { ...existing, isNew: false };
    const row = {
      id: randomUUID(),
      key,
      state: 'registered' as const,
      attempts: 0,
      contentHash: message.contentHash,
    };
    this.messages.set(row.id, row);
    return { ...row, isNew: true };
  }

  async registerAll(messages: readonly InboundMessageInput[]): Promise<RegisteredMessage[]> {
    const rows: RegisteredMessage[] = [];
    for (const message of messages) rows.push(await this.register(message));
    return rows;
  }

  async startAttempts(inboundIds: readonly string[]): Promise<number[]> {
    for (const id of new Set(inboundIds)) this.messages.get(id)!.attempts += 1;
    return inboundIds.map((id) => this.messages.get(id)!.attempts);
  }

  async completeAll(
    entries: readonly { readonly inboundId: string; readonly decision: IntakeDecision }[],
  ): Promise<GroupCompletionResult> {
    const before = {
      states: new Map([...this.messages].map(([id, row]) => [id, row.state])),
      requests: this.requests.length,
      outbox: new Map(this.outbox),
    };
    const results: Exclude<CompletionResult, { status: 'number_taken' }>[] = [];
    this.completions.push(entries.length);
    for (const { inboundId, decision } of entries) {
      const result = this.completeOne(inboundId, decision);
      if (result.status !== 'number_taken') {
        results.push(result);
        continue;
      }
      // All or nothing, as one transaction (numbers taken by "another process" stay taken).
      for (const [id, state] of before.states) this.messages.get(id)!.state = state;
      for (const undone of this.requests.splice(before.requests)) {
        const { year } = undone.decision.request!.protocol;
        this.lastNumber.set(year, this.lastNumber.get(year)! - 1);
      }
      this.outbox.clear();
      for (const [key, value] of before.outbox) this.outbox.set(key, value);
      return { status: 'number_taken', year: decision.request!.protocol.year, next: result.next };
    }
    return { status: 'completed', results };
  }

  async nextProtocolNumber(year: number): Promise<number> {
    return (this.lastNumber.get(year) ?? 0) + 1;
  }

  async complete(inboundId: string, decision: IntakeDecision): Promise<CompletionResult> {
    this.completions.push(1);
    return this.completeOne(inboundId, decision);
  }

  private completeOne(inboundId: string, decision: IntakeDecision): CompletionResult {
    const row = this.messages.get(inboundId)!;
    if (row.state !== 'registered') {
      const request = this.requests.find((entry) => entry.inboundId === inboundId);
      return { status: 'already_completed', protocol: request?.protocol ?? null };
    }
    const record = decision.request;
    if (record) {
      const { year } = record.protocol;
      if (this.takeBeforeNextCompletion > 0) {
        this.lastNumber.set(year, (this.lastNumber.get(year) ?? 0) + this.takeBeforeNextCompletion);
        this.takeBeforeNextCompletion = 0;
      }
      const next = (this.lastNumber.get(year) ?? 0) + 1;
      if (record.protocol.number !== next) return { status: 'number_taken', next };
      this.lastNumber.set(year, next);
      this.requests.push({ inboundId, protocol: record.protocol.text, decision, at: this.clock() });
    }
    row.state = decision.state;
    for (const message of decision.messages) {
      if (!this.outbox.has(message.idempotencyKey))
        this.outbox.set(message.idempotencyKey, { ...message, createdAt: this.clock() });
    }
    return { status: 'completed', protocol: record?.protocol.text ?? null };
  }

  async countRequestsFrom(
    from: { readonly sender: string } | { readonly municipalityId: string },
    since: Date,
  ): Promise<number> {
    return this.requests.filter(({ decision, at }) => {
      const record = decision.request!;
      const matches =
        'sender' in from
          ? record.authenticatedSender === from.sender
          : record.senderMunicipalityId === from.municipalityId;
      return matches && at >= since;
    }).length;
  }

  /** The Comune of the running projects (Crema); a forecast counts only its own Comune's. */
  projectsMunicipalityId = '019035';

  /** The register's providers, as a test sets them. */
  providerNames: ProviderName[] = [];

  async providers() {
    return this.providerNames;
  }

  async continuingProjects(taxCodes: readonly string[]) {
    return [...this.projects.entries()]
      .map(([key, project]) => {
        const [taxCode, service] = key.split('/');
        return {
          projectId: project?.id ?? key,
          taxCode: taxCode!,
          service: service!,
          municipalityId: this.projectsMunicipalityId,
          provider: project?.provider ? { id: project.provider.id, name: project.provider.name } : null,
          operatorProfile: null,
          upperSecondary: false,
          placedMinor: false,
          coPaid: false,
          vatRateBasisPoints: null,
        };
      })
      .filter((project) => taxCodes.includes(project.taxCode));
  }

  /** Running projects by `codice fiscale/service`, as a duplicate activation meets them. */
  readonly running = new Map<string, RunningProject>();

  async runningProject(query: { readonly taxCode: string; readonly service: string }) {
    return this.running.get(`${query.taxCode}/${query.service}`) ?? null;
  }

  async projectToChange(query: { readonly taxCode: string; readonly service: string | readonly string[] }) {
    const services = typeof query.service === 'string' ? [query.service] : query.service;
    for (const service of services) {
      const project = this.projects.get(`${query.taxCode}/${service}`);
      if (project) return project;
    }
    return null;
  }

  async contractByThread(messageIds: readonly string[]): Promise<ContractReplyContext | null> {
    return messageIds.map((id) => this.contracts.get(id)).find((contract) => contract) ?? null;
  }
}
