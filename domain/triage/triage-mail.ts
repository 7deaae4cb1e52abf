import { ageOn, romeDateOf, type CalendarDate } from '../calendar/calendar-date.js';
import { findDayUnit } from '../catalogue/day-units.js';
import type { RequestKind } from '../catalogue/procedures.js';
import type { ServiceCode } from '../catalogue/service-codes.js';
import { readSpendingForecast, type SpendingForecast } from '../forecasts/spending-forecast.js';
import { emptyRequestDraft, type RequestDraft } from '../requests/request-draft.js';
import { checkRequest } from '../rules/check-request.js';
import type { Problem } from '../rules/problem.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { automaticReason, isPecReceipt } from './automatic-mail.js';
import { legalReceiptTime } from './receipt-time.js';
import type { ExtractedForm } from './extract-request.js';
import { distinctForms, formCandidates, type FormCandidate } from './form-candidates.js';
import type { ServiceOption } from './form-options.js';
import { wordsOf } from './form-text.js';
import { scanDoubts, scanStaffNote } from './scan-reading-check.js';
import type { DigitalSigner, MailForTriage, MailText } from './mail-for-triage.js';
import { festiveHoursIn } from './festive-hours.js';
import { serviceDefinitions, type ServiceDefinition } from '../catalogue/services.js';

export type TriageKind = RequestKind | 'forecast' | 'reply' | 'automatic' | 'pec_receipt' | 'other';
export type TriageAction = 'acknowledge' | 'request_integration' | 'ignore' | 'forward_to_staff';

/** What the office should do with a message, and why. */
export interface TriageResult {
  readonly kind: TriageKind;
  readonly service: ServiceCode | null;
  readonly receivedAt: Date;
  /** The request read from the form, when the message carries one. */
  readonly draft: RequestDraft | null;
  readonly problems: readonly Problem[];
  readonly action: TriageAction;
  /** Where the form was found (`body`, `attachment:richiesta.pdf` …). */
  readonly formSource: string | null;
  /** Why the message was not answered automatically (automatic mail, PEC receipt). */
  readonly ignoredBecause: string | null;
  /** Set when the message must be put aside for a person (attachments that cannot be read). */
  readonly quarantineReason: string | null;
  /** A Comune's spending forecast: staff prepare its cumulative contracts. */
  readonly forecast?: SpendingForecast;
  /** Who signed the file the form was read from (a `.p7m` whose signature matched it). */
  readonly formSigners?: readonly DigitalSigner[];
  /** For a form put aside for a person (a scan not read with certainty): why, and what was read. */
  readonly staffNote?: string;
  /**
   * When the message carries several distinct forms (one per attachment, or one file with several):
   * each, in message order; the fields above are those of the first.
   */
  readonly forms?: readonly FormTriage[];
}

export interface TriageContext {
  /** Addresses of the office mailbox: mail from them is never answered. */
  readonly ownAddresses: readonly string[];
  /** When the mailbox received it (IMAP INTERNALDATE); used when the message has no usable date. */
  readonly deliveredAt: Date;
  readonly catalogue?: Catalogue;
}

/**
 * Classifies a message, reads the form it carries and checks it against the rules. Pure: the mail
 * adapter has already decoded body and attachments.
 */
export async function triageMail(mail: MailForTriage, context: TriageContext): Promise<TriageResult> {
  const receivedAt = legalReceiptTime(mail.isPec ? mail.certifiedAt : null, context.deliveredAt);
  const base = {
    receivedAt,
    draft: null,
    problems: [],
    formSource: null,
    quarantineReason: null,
    service: null,
  };
  if (isPecReceipt(mail))
    return { ...base, kind: 'pec_receipt', action: 'ignore', ignoredBecause: 'ricevuta PEC' };
  const automatic = automaticReason(mail, context.ownAddresses);
  if (automatic) return { ...base, kind: 'automatic', action: 'ignore', ignoredBecause: automatic };

  const receivedOn = romeDateOf(receivedAt);
  const latestYear = Number(receivedOn.slice(0, 4));
  const candidates = formCandidates(mail.texts, latestYear);
  const best = candidates[0];

  if (!best) {
    const unreadable = mail.unreadable[0];
    if (unreadable) {
      return {
        ...base,
        kind: 'other',
        action: 'forward_to_staff',
        ignoredBecause: null,
        quarantineReason: `Allegato non leggibile (${unreadable.source.replace(/^attachment:/, '')}): ${unreadable.reason}`,
      };
    }
    const forecast = await readSpendingForecast(mail.subject, mail.texts);
    if (forecast)
      return {
        ...base,
        kind: 'forecast',
        service: forecast.service,
        forecast,
        action: 'forward_to_staff',
        ignoredBecause: null,
      };
    const isReply =
      mail.inReplyTo !== null ||
      mail.references.length > 0 ||
      /^\s*(re|r|rif|ris|aw|sv)\s*:/i.test(mail.subject);
    return { ...base, kind: isReply ? 'reply' : 'other', action: 'forward_to_staff', ignoredBecause: null };
  }

  const forms: FormTriage[] = [];
  for (const candidate of distinctForms(candidates))
    forms.push(await triageForm(candidate, mail, receivedOn, context));
  const [first] = forms as [FormTriage, ...FormTriage[]];
  return { ...base, ...first, ignoredBecause: null, ...(forms.length > 1 ? { forms } : {}) };
}

/** One form of a message, read and checked: a message with several gets one of these for each. */
export interface FormTriage {
  readonly kind: RequestKind;
  readonly service: ServiceCode | null;
  readonly draft: RequestDraft;
  readonly problems: readonly Problem[];
  readonly action: Exclude<TriageAction, 'ignore'>;
  readonly formSource: string;
  readonly formSigners?: readonly DigitalSigner[];
  readonly staffNote?: string;
}

async function triageForm(
  candidate: FormCandidate,
  mail: MailForTriage,
  receivedOn: CalendarDate,
  context: TriageContext,
): Promise<FormTriage> {
  const draft = withFestiveHours(
    withPlacement(toDraft(candidate.form, mail.subject), mail.texts, mail.subject),
    mail.texts,
    context.catalogue?.services,
  );
  const problems = await checkRequest(draft, {
    receivedOn,
    ...(context.catalogue ? { catalogue: context.catalogue } : {}),
  });
  const doubts = candidate.scan ? scanDoubts(candidate.scan, problems, draft) : [];
  return {
    kind: candidate.form.kind,
    service: draft.service,
    draft,
    problems,
    action:
      doubts.length > 0 ? 'forward_to_staff' : problems.length === 0 ? 'acknowledge' : 'request_integration',
    formSource: candidate.source,
    ...(candidate.signers.length > 0 ? { formSigners: candidate.signers } : {}),
    ...(doubts.length > 0 ? { staffNote: scanStaffNote(draft, doubts) } : {}),
  };
}

// Seed l. 3300-3304, 3588: SIP of minors placed ("collocati") in a community or in foster care is
// half paid by district funds. The form has no box for it: the Comune says so in the form or message.
const placementWords = /\b(?<!non\s)(collocat[oaie]|collocamento)\b/i;

function withPlacement(
  draft: RequestDraft,
  texts: readonly { readonly text: string }[],
  subject: string,
): RequestDraft {
  if (draft.service !== 'SIP') return draft;
  const placed = [subject, ...texts.map((entry) => entry.text)].some((text) => placementWords.test(text));
  return placed ? { ...draft, request: { ...draft.request, placedMinor: true } } : draft;
}

/**
 * Festive hours said in the form, or else in the message's body (a form attached, the hours
 * explained in the e-mail); only services with a festive tariff keep them (seed l. 3156).
 */
function withFestiveHours(
  draft: RequestDraft,
  texts: readonly MailText[],
  services: readonly ServiceDefinition[] = serviceDefinitions,
): RequestDraft {
  const festiveTariff = draft.service
    ? (services.find((service) => service.code === draft.service)?.hourly?.festiveTariff ?? false)
    : false;
  const inBody = () =>
    texts
      .filter((text) => /(^|\/)body(:html)?$/.test(text.source))
      .map((text) => festiveHoursIn(text.text))
      .find((hours) => hours !== null) ?? null;
  const festiveHours = festiveTariff ? (draft.request.festiveHours ?? inBody()) : null;
  return festiveHours === draft.request.festiveHours
    ? draft
    : { ...draft, request: { ...draft.request, festiveHours } };
}

function toDraft(form: ExtractedForm, subject: string): RequestDraft {
  const v = form.values;
  const empty = emptyRequestDraft(form.kind);
  return {
    kind: form.kind,
    service: resolveService(form, subject),
    beneficiary: {
      surname: v.surname,
      name: v.name,
      birthDate: v.birthDate,
      taxCode: v.taxCode,
      municipality: v.municipality,
    },
    request: {
      ...empty.request,
      startDate: v.startDate,
      endDate: v.endDate,
      effectiveDate: v.effectiveDate,
      annualHours: v.annualHours,
      festiveHours: v.festiveHours,
      annualBudgetCents: v.annualBudgetCents,
      provider: v.provider,
      coPayingMunicipality: v.coPayingMunicipality,
      operatorProfile: v.operatorProfile,
      upperSecondary: v.upperSecondary,
      dayUnit: v.dayUnit,
      dayCentreTicked: v.serviceOption === 'DAY_CENTRE',
      gecasOnlyService:
        form.kind === 'activation' && gecasOnlyOptions.includes(v.serviceOption ?? '')
          ? (v.serviceOption as 'ISD' | 'VOUCHER_FNA' | 'QSFP')
          : null,
      attendance: v.attendance,
      change: v.change,
      reason: v.reason,
      socialWorker: v.socialWorker,
      mainActivityCode: v.mainActivityCode,
      secondaryActivityCodes: v.secondaryActivityCodes,
      signedPlace: v.signedPlace,
      signedOn: v.signedOn,
    },
    unreadable: form.unreadable,
  };
}

/**
 * The service of the form: "SAD – SADH" means SAD unless SADH is written; "ADM – ADEA" means ADM
 * for a beneficiary under 18 on the start date, ADEA otherwise; a day-centre entry takes its service
 * from the unit (issue #4, "Parsing and triage").
 */
function resolveService(form: ExtractedForm, subject: string): ServiceCode | null {
  const v = form.values;
  if (form.kind === 'day_centre_entry') return v.dayUnit ? (findDayUnit(v.dayUnit)?.service ?? null) : null;
  const option = v.serviceOption ?? subjectOption(subject);
  const serviceWords = wordsOf(`${v.serviceText} ${subject}`);
  const referenceDate: CalendarDate | null =
    form.kind === 'activation' ? v.startDate : (v.effectiveDate ?? v.endDate);
  switch (option) {
    case 'SAD_SADH':
      return mentionsAlone(serviceWords, 'sadh', 'sad') ? 'SADH' : 'SAD';
    case 'ADM_ADEA':
      if (v.birthDate && referenceDate) return ageOn(v.birthDate, referenceDate) < 18 ? 'ADM' : 'ADEA';
      return mentionsAlone(serviceWords, 'adea', 'adm') ? 'ADEA' : 'ADM';
    case 'SIP':
    case 'SAAP':
    case 'CENTRO_DIURNO_MINORI':
    case 'VOUCHER_FNA':
    case 'QSFP':
    case 'ISD':
      return form.kind === 'activation' && !['SIP', 'SAAP'].includes(option) ? null : option;
    case 'DAY_CENTRE':
      if (form.kind === 'activation') return null;
      return dayCentreServiceIn(v.dayUnit, `${v.change ?? ''} ${v.serviceText} ${subject}`);
    default:
      return null;
  }
}

// Seed l. 2659 (ISD), 2831 (Voucher FNA), 2991 (QSFP): these are activated through Gecas.
const gecasOnlyOptions: readonly string[] = ['ISD', 'VOUCHER_FNA', 'QSFP'];

/** True when `word` appears outside the pair "other – word" (e.g. SADH outside "SAD – SADH"). */
function mentionsAlone(words: readonly string[], word: string, pairedWith: string): boolean {
  return words.some((candidate, index) => candidate === word && words[index - 1] !== pairedWith);
}

function subjectOption(subject: string): ServiceOption | null {
  const words = wordsOf(subject);
  if (words.includes('sad') || words.includes('sadh')) return 'SAD_SADH';
  if (words.includes('adm') || words.includes('adea')) return 'ADM_ADEA';
  if (words.includes('sip')) return 'SIP';
  if (words.includes('saap')) return 'SAAP';
  return null;
}

function dayCentreServiceIn(dayUnit: string | null, text: string): 'CDD' | 'CSE' | 'SFA' | null {
  const unit = dayUnit ? findDayUnit(dayUnit) : findDayUnit(text);
  if (unit) return unit.service;
  const words = wordsOf(text).filter((word) => ['cdd', 'cse', 'sfa'].includes(word));
  const distinct = [...new Set(words)];
  return distinct.length === 1 ? (distinct[0]!.toUpperCase() as 'CDD' | 'CSE' | 'SFA') : null;
}
