import { randomUUID } from 'node:crypto';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { dayCentreServiceCodes } from '../../domain/catalogue/service-codes.js';
import type { RequestDraft } from '../../domain/requests/request-draft.js';
import { checkRequest } from '../../domain/rules/check-request.js';
import { fromContractProvider } from './contract-answer.js';
import type { CounterpartDirectory } from './counterpart-directory.js';
import { combineFormPlans } from './form-plans.js';
import { planIntake, type IntakePlan } from './intake-decision.js';
import type { IntakeFacts, ReplyOptions, SenderFacts } from './intake-facts.js';
import type { IntakeStore, ProjectToChange } from './intake-store.js';
import type { ReadMessage } from './message-reader.js';
import { senderAuthentication, type SenderCheck } from './sender-authentication.js';

/** What is known of the message as a whole before its forms are planned. */
interface MessageFacts {
  readonly now: Date;
  readonly newId: () => string;
  readonly contract: IntakeFacts['contract'];
  readonly sender: SenderFacts;
}

/**
 * What a read message comes to, given what the database holds now: who sent it (by the registry),
 * the contract whose thread it answers, the project a variation changes, the projects a forecast
 * continues. A message with several forms is planned form by form.
 */
export class MessagePlanner {
  constructor(
    private readonly store: IntakeStore,
    private readonly counterparts: CounterpartDirectory,
    private readonly options: ReplyOptions & { readonly senderCheck: SenderCheck },
    private readonly clock: () => Date,
  ) {}

  async plan(inboundId: string, reusedMessageId: boolean, read: ReadMessage): Promise<IntakePlan> {
    // Who wrote and the thread are the message's, whatever forms it holds: looked up once.
    const now = this.clock();
    const facts = {
      now,
      newId: randomUUID,
      contract: await this.contractOf(read, now),
      sender: await this.senderOf(read),
    };
    const forms = read.result.forms;
    // A provider's answer in its contract's thread is one answer, however many forms it seems to hold.
    const answersContract = !!facts.contract && fromContractProvider(facts.sender, facts.contract);
    if (!forms || answersContract) return this.planOne(inboundId, reusedMessageId, read, facts);
    // Several forms (issue #15): each planned as if it came alone; the keys of its messages differ.
    const plans: IntakePlan[] = [];
    for (const [index, form] of forms.entries()) {
      const { forms: _all, ...message } = read.result;
      const formRead = { ...read, result: { ...message, ...form } };
      const key = index === 0 ? inboundId : `${inboundId}.${index + 1}`;
      plans.push(await this.planOne(key, reusedMessageId, formRead, facts));
    }
    return combineFormPlans(plans);
  }

  /** The contract whose e-mail the message answers, by its thread (In-Reply-To, References). */
  private contractOf(read: ReadMessage, now: Date) {
    const { mail } = read.parsed;
    const thread = [mail.inReplyTo, ...mail.references].filter((id): id is string => !!id);
    return thread.length > 0 ? this.store.contractByThread(thread, now) : Promise.resolve(null);
  }

  /** What one form (or a message without several) comes to; `inboundId` keys its messages. */
  private async planOne(
    inboundId: string,
    reusedMessageId: boolean,
    given: ReadMessage,
    { now, newId, contract, sender }: MessageFacts,
  ): Promise<IntakePlan> {
    const read = await this.withDayCentreService(given);
    const project = await this.projectFor(read);
    const duplicateOf = await this.runningProjectFor(read);
    const named = read.result.draft?.request;
    const providers = named?.provider || named?.dayUnit ? await this.store.providers() : undefined;
    const forecast = read.result.forecast;
    const continuing = forecast
      ? await this.store.continuingProjects(forecast.taxCodes, romeDateOf(read.result.receivedAt))
      : undefined;
    return planIntake(
      {
        inboundId,
        read,
        sender,
        reusedMessageId,
        contract,
        now,
        newId,
        ...(project !== undefined ? { project } : {}),
        ...(duplicateOf ? { duplicateOf } : {}),
        ...(continuing ? { continuing } : {}),
        ...(providers ? { providers } : {}),
      },
      this.options,
    );
  }

  /**
   * Seed l. 4250-4262: the VARIAZIONE form has one box for CSE, CDD and SFA and no unit field. When
   * the box is ticked and no unit named, the beneficiary's running day-centre project says which
   * service it is, and the form is checked again as that service's; without one, the unit is asked.
   */
  private async withDayCentreService(read: ReadMessage): Promise<ReadMessage> {
    const { draft, action } = read.result;
    if (!draft || draft.kind !== 'variation' || draft.service || !draft.request.dayCentreTicked) return read;
    const { taxCode } = draft.beneficiary;
    const on = draft.request.effectiveDate;
    if (!taxCode || !on || action === 'forward_to_staff') return read;
    const project = await this.store.projectToChange({ taxCode, service: dayCentreServiceCodes, on });
    const service = dayCentreServiceCodes.find((code) => code === project?.service);
    if (!service) return read;
    const withService: RequestDraft = { ...draft, service };
    const problems = await checkRequest(withService, { receivedOn: romeDateOf(read.result.receivedAt) });
    const result = {
      ...read.result,
      draft: withService,
      service,
      problems,
      action: problems.length > 0 ? ('request_integration' as const) : ('acknowledge' as const),
    };
    return { ...read, result };
  }

  /** For an activation: the running project of the same beneficiary and service over its period. */
  private async runningProjectFor({ result }: ReadMessage) {
    const draft = result.draft;
    if (!draft || (draft.kind !== 'activation' && draft.kind !== 'day_centre_entry')) return null;
    if (result.action === 'forward_to_staff') return null;
    const { taxCode } = draft.beneficiary;
    const from = draft.request.startDate;
    if (!taxCode || !draft.service || !from) return null;
    return this.store.runningProject({ taxCode, service: draft.service, from, to: draft.request.endDate });
  }

  /** The running project a valid variation or cessation is about (undefined: not such a form). */
  private async projectFor({ result }: ReadMessage): Promise<ProjectToChange | null | undefined> {
    const draft = result.draft;
    if (!draft || result.action !== 'acknowledge') return undefined;
    if (draft.kind !== 'variation' && draft.kind !== 'cessation') return undefined;
    const on = draft.kind === 'variation' ? draft.request.effectiveDate : draft.request.endDate;
    const { taxCode } = draft.beneficiary;
    if (!taxCode || !draft.service || !on) return undefined;
    return this.store.projectToChange({ taxCode, service: draft.service, on });
  }

  /** Who wrote, by the registry: the authenticated sender, and Reply-To only within its own Comune. */
  private async senderOf(read: ReadMessage): Promise<SenderFacts> {
    const { mail } = read.parsed;
    const address = mail.from;
    const replyTo = mail.replyTo && mail.replyTo !== address ? mail.replyTo : null;
    const known = await this.counterparts.whoAre([address, replyTo].filter((a): a is string => !!a));
    const counterpart = address ? (known.get(address) ?? null) : null;
    const replyToCounterpart = replyTo ? known.get(replyTo) : undefined;
    const sameMunicipality =
      counterpart?.kind === 'municipality' &&
      replyToCounterpart?.kind === 'municipality' &&
      replyToCounterpart.municipalityId === counterpart.municipalityId;
    return {
      address,
      counterpart,
      registeredReplyTo: sameMunicipality ? replyTo : null,
      authentication: senderAuthentication(mail, this.options.senderCheck),
    };
  }
}
