import { festiveHoursIn } from './festive-hours.js';
import type { CalendarDate } from '../calendar/calendar-date.js';
import type { RequestKind } from '../catalogue/procedures.js';
import type { OperatorProfile } from '../catalogue/service-codes.js';
import type { Attendance } from '../requests/request-schemas.js';
import type { Cents } from '../money.js';
import { isFormScaffolding, labelAt, type FieldKey } from './form-labels.js';
import {
  choose,
  dayUnitOptions,
  tickedUnlistedUnit,
  profileOptions,
  serviceOptions,
  upperSecondaryOptions,
  type ServiceOption,
} from './form-options.js';
import { formSegments, textAfterLabel, type FormSegment } from './form-text.js';
import { findItalianDate } from './italian-dates.js';
import { splitFullName } from './split-full-name.js';
import {
  findActivityCodes,
  findAmount,
  findNumber,
  findTaxCode,
  isPlaceholder,
  parseAttendance,
  withoutLeadingNotes,
} from './value-parsers.js';

/** The titles that make a text one of the forms (disciplinare, allegati; MODULO DI CESSAZIONE). */
const formTitles: { kind: RequestKind; words: string[] }[] = [
  { kind: 'day_centre_entry', words: ['richiesta', 'di', 'ingresso', 'in', 'servizio', 'diurno'] },
  { kind: 'variation', words: ['richiesta', 'di', 'variazione', 'progettuale'] },
  { kind: 'variation', words: ['variazione', 'progettuale'] },
  { kind: 'activation', words: ['richiesta', 'di', 'attivazione', 'servizio', 'accreditato'] },
  { kind: 'activation', words: ['richiesta', 'di', 'attivazione'] },
  { kind: 'activation', words: ['richiesta', 'attivazione'] },
  { kind: 'cessation', words: ['modulo', 'di', 'cessazione'] },
  { kind: 'cessation', words: ['comunicazione', 'di', 'cessazione'] },
  { kind: 'cessation', words: ['cessazione', 'del', 'servizio'] },
];

/** Everything read from one form, before the domain rules look at it. */
export interface ExtractedForm {
  readonly kind: RequestKind;
  /** How many fields were found: the best of several candidate texts wins. */
  readonly fieldsFound: number;
  readonly values: {
    surname: string | null;
    name: string | null;
    birthDate: CalendarDate | null;
    taxCode: string | null;
    municipality: string | null;
    serviceOption: ServiceOption | null;
    /** The words of the ticked option and of TIPO DI SERVIZIO, to tell SADH from SAD. */
    serviceText: string;
    startDate: CalendarDate | null;
    endDate: CalendarDate | null;
    effectiveDate: CalendarDate | null;
    annualHours: number | null;
    festiveHours: number | null;
    annualBudgetCents: Cents | null;
    provider: string | null;
    mainActivityCode: string | null;
    secondaryActivityCodes: string[];
    coPayingMunicipality: string | null;
    operatorProfile: OperatorProfile | null;
    upperSecondary: boolean;
    dayUnit: string | null;
    attendance: Attendance | null;
    change: string | null;
    reason: string | null;
    socialWorker: string | null;
    signedPlace: string | null;
    signedOn: CalendarDate | null;
  };
  /** Text found for a field that could not be understood, by draft field path. */
  readonly unreadable: Record<string, string>;
}

/** The kind of form a text is, if it carries a form title and at least two of its fields. */
export function formKindOf(text: string): RequestKind | null {
  const segments = formSegments(text);
  const labelled = segments.filter((segment) => labelAt(segment.words) !== null).length;
  if (labelled < 2) return null;
  for (const title of formTitles) {
    if (segments.some((segment) => containsSequence(segment.words, title.words))) return title.kind;
  }
  return null;
}

/** Whether a line begins with a form's title: where a text holding several forms is cut. */
export function startsForm(line: string): boolean {
  const words = formSegments(line).flatMap((segment) => segment.words);
  return formTitles.some((title) => title.words.every((word, index) => words[index] === word));
}

/** Reads the fields of a form from its text (body, PDF or Word), whatever its layout. */
export function extractForm(text: string, kind: RequestKind, options: { latestYear: number }): ExtractedForm {
  const segments = formSegments(text);
  const fields = new FieldReader(rawFieldValues(segments), options);
  const person = beneficiaryValues(fields);
  const annualHours = fields.parsed('annualHours', 'request.annualHours', findNumber);
  const annualBudgetCents = fields.parsed('annualBudget', 'request.annualBudgetCents', findAmount);
  const choices = chosenOptions(segments, fields);
  const attendance = fields.parsed('attendance', 'request.attendance', parseAttendance);
  const activityText = fields.text('mainActivity');
  const placeAndDate = fields.text('placeAndDate');
  const signed = placeAndDate ? findItalianDate(placeAndDate, options) : null;
  const coPaying = fields.text('coPayingMunicipality');
  const dates = requestDates(kind, fields);
  const values: ExtractedForm['values'] = {
    ...person,
    birthDate: fields.date('birthDate', 'beneficiary.birthDate'),
    municipality: fields.text('municipality')?.replace(/\s*\(\s*cr\s*\)\s*$/i, '') ?? null,
    ...choices,
    // Day units come only from the day-centre form or a variation naming one: on an activation form
    // a provider such as "Coop. Igea" would otherwise read as the SFA it also runs.
    dayUnit: kind === 'day_centre_entry' || kind === 'variation' ? choices.dayUnit : null,
    ...dates,
    annualHours,
    festiveHours: festiveHoursIn(text),
    annualBudgetCents,
    provider: fields.text('provider'),
    mainActivityCode: activityText ? (findActivityCodes(activityText)[0] ?? activityText) : null,
    secondaryActivityCodes: findActivityCodes(fields.text('secondaryActivities') ?? ''),
    coPayingMunicipality: coPaying && /[a-z]/i.test(coPaying) ? coPaying : null,
    attendance,
    change: fields.text('change'),
    reason: fields.text('reason'),
    socialWorker: fields.text('socialWorker'),
    signedPlace:
      placeAndDate && signed
        ? placeAndDate.slice(0, placeAndDate.indexOf(signed.text)).replace(/[\s,;-]+$/, '') || null
        : placeAndDate,
    signedOn: signed?.date ?? null,
  };
  return { kind, fieldsFound: fields.found, values, unreadable: fields.unreadable };
}

/** The raw field texts of one form, cleaned, counting what was found and noting what was not understood. */
class FieldReader {
  found = 0;
  readonly unreadable: Record<string, string> = {};

  constructor(
    private readonly raw: Map<FieldKey, string>,
    private readonly options: { latestYear: number },
  ) {}

  text(field: FieldKey): string | null {
    const value = this.raw.get(field);
    if (value === undefined) return null;
    this.found += 1;
    const cleaned = value
      .replace(/\s+/g, ' ')
      .replace(/[,;.]+$/, '')
      .trim();
    return isPlaceholder(cleaned) ? null : cleaned;
  }

  /** The field read by `parse`; text that does not parse is kept under `path` for staff. */
  parsed<T>(field: FieldKey, path: string, parse: (text: string) => T | null): T | null {
    const text = this.text(field);
    if (text === null) return null;
    const value = parse(text);
    if (value === null) this.unreadable[path] = text;
    return value;
  }

  date(field: FieldKey, path: string): CalendarDate | null {
    const value = this.text(field);
    if (value === null) return null;
    const date = findItalianDate(value, this.options);
    if (date?.date) return date.date;
    this.unreadable[path] = date?.text ?? value;
    return null;
  }
}

function beneficiaryValues(fields: FieldReader) {
  let surname = fields.text('surname');
  let name = fields.text('name');
  const taxCode = fields.parsed('taxCode', 'beneficiary.taxCode', findTaxCode);
  const fullName = fields.text('fullName');
  if (fullName && (surname === null || name === null)) {
    const split = splitFullName(fullName, taxCode);
    surname ??= split.surname;
    name ??= split.name;
  }
  return { surname, name, taxCode };
}

/** The ticked boxes: service, operator profile, upper secondary school, day-centre unit. */
function chosenOptions(segments: readonly FormSegment[], fields: FieldReader) {
  const serviceTypeText = fields.text('serviceType') ?? '';
  const serviceChoice = choose(serviceOptions(segments));
  const ticked = segments.filter((segment) => segment.tick === 'ticked').map((segment) => segment.text);
  let serviceOption: ServiceOption | null = serviceChoice.kind === 'one' ? serviceChoice.value : null;
  if (serviceChoice.kind === 'several') fields.unreadable['service'] = 'più di un servizio barrato';
  if (!serviceOption && serviceTypeText)
    serviceOption = serviceOptions([asOption(serviceTypeText)])[0]?.value ?? null;

  const profileChoice = choose(profileOptions(segments));
  if (profileChoice.kind === 'several')
    fields.unreadable['request.operatorProfile'] = profileChoice.values.join(', ');
  const upperChoice = choose(upperSecondaryOptions(segments));

  const dayUnitChoice = choose(dayUnitOptions(segments));
  const dayUnitText = fields.text('dayUnit');
  const dayUnit =
    dayUnitChoice.kind === 'one'
      ? dayUnitChoice.value.name
      : dayUnitText && !dayUnitText.startsWith('(')
        ? dayUnitText
        : tickedUnlistedUnit(segments);
  if (dayUnitChoice.kind === 'several')
    fields.unreadable['request.dayUnit'] = dayUnitChoice.values.map((unit) => unit.name).join(', ');
  return {
    serviceOption,
    serviceText: [serviceTypeText, ...ticked].join(' '),
    operatorProfile: profileChoice.kind === 'one' ? profileChoice.value : null,
    upperSecondary: upperChoice.kind === 'one',
    dayUnit,
  };
}

/** Start, end and effective dates; a variation's only date is its effective date. */
function requestDates(kind: RequestKind, fields: FieldReader) {
  let startDate = fields.date('startDate', 'request.startDate');
  let effectiveDate = fields.date('effectiveDate', 'request.effectiveDate');
  if (kind === 'variation' && effectiveDate === null && startDate !== null)
    [effectiveDate, startDate] = [startDate, null];
  const endDate =
    kind === 'cessation'
      ? (fields.date('cessationDate', 'request.endDate') ?? fields.date('endDate', 'request.endDate'))
      : fields.date('endDate', 'request.endDate');
  return { startDate, endDate, effectiveDate };
}

/** Fields whose value always holds a digit: amounts, hours, dates. */
const numericFields: ReadonlySet<FieldKey> = new Set([
  'birthDate',
  'startDate',
  'endDate',
  'effectiveDate',
  'cessationDate',
  'annualHours',
  'annualBudget',
]);

/**
 * The text of each field: what follows its label on the same line or cell, else the next segment
 * that is not a note, a tick box or another label. Multi-line fields (the change) take up to three.
 */
function rawFieldValues(segments: readonly FormSegment[]): Map<FieldKey, string> {
  const values = new Map<FieldKey, string>();
  segments.forEach((segment, index) => {
    const match = labelAt(segment.words);
    if (!match || (values.get(match.field) ?? '') !== '') return;
    let value = withoutLeadingNotes(textAfterLabel(segment, match.label) ?? '');
    if (value === '') value = followingValue(segments, index + 1, match.field === 'change' ? 3 : 1);
    // A number or a date on the next line is this field's; a line of prose is the form's note
    // (wrapped, as PDFs wrap it), and the field was left empty.
    if (numericFields.has(match.field) && !/\d/.test(value) && textAfterLabel(segment, match.label) === '')
      value = '';
    values.set(match.field, value);
  });
  return values;
}

function followingValue(segments: readonly FormSegment[], from: number, maxLines: number): string {
  const lines: string[] = [];
  for (let i = from; i < segments.length && i < from + 4 && lines.length < maxLines; i += 1) {
    const segment = segments[i]!;
    if (segment.tick !== 'none' || isFormScaffolding(segment.words)) break;
    const text = withoutLeadingNotes(segment.text);
    if (segment.text.startsWith('(') || text === '') continue;
    lines.push(text);
  }
  return lines.join(' ');
}

function containsSequence(words: readonly string[], sequence: readonly string[]): boolean {
  outer: for (let start = 0; start + sequence.length <= words.length; start += 1) {
    for (let i = 0; i < sequence.length; i += 1) if (words[start + i] !== sequence[i]) continue outer;
    return true;
  }
  return false;
}

function asOption(text: string): FormSegment {
  return { text, words: formSegments(`servizio ${text}`)[0]?.words ?? [], tick: 'ticked' };
}
