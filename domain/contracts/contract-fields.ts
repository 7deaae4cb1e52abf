import { type CalendarDate } from '../calendar/calendar-date.js';
import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import { dayUnitById, findDayUnit } from '../catalogue/day-units.js';
import { isHourlyService, isServiceCode, type ServiceCode } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';
import { requestDeadlines } from '../deadlines/request-deadlines.js';
import { formatEuro, formatHours, formatPercentFromBasisPoints } from '../money.js';
import type { RequestDraft } from '../requests/request-draft.js';
import { budgetEstimate } from '../rules/budget-rule.js';

/** The Word template a contract is written from: one per family of services. */
export type ContractTemplateName = 'servizi-domiciliari' | 'servizi-diurni' | 'isd' | 'altri-servizi';

// The CONTRATTO DI AVVIO follows "il modello adottato dall'Ambito", which differs between hourly home services, day centres and ISD (disciplinare, FASE 4 of each service).
export function contractTemplateFor(service: ServiceCode | null): ContractTemplateName {
  if (!service) return 'altri-servizi';
  if (isHourlyService(service)) return 'servizi-domiciliari';
  if (serviceDefinition(service).family === 'day_centre' || service === 'CENTRO_DIURNO_MINORI')
    return 'servizi-diurni';
  if (service === 'ISD') return 'isd';
  return 'altri-servizi';
}

/** The placeholders a contract template may use, with what each one holds (for staff editing the templates). */
export const contractPlaceholders = {
  protocollo: 'numero di protocollo della richiesta (2027/0000123)',
  data_ricevimento: 'data di ricevimento della richiesta',
  data_contratto: 'data di redazione del contratto',
  tipo_richiesta: 'attivazione, ingresso in servizio diurno, …',
  servizio_codice: 'sigla del servizio (SAD, ADM, CDD, …)',
  servizio_nome: 'nome del servizio per esteso',
  beneficiario_cognome: 'cognome del beneficiario',
  beneficiario_nome: 'nome del beneficiario',
  beneficiario_codice_fiscale: 'codice fiscale del beneficiario',
  beneficiario_data_nascita: 'data di nascita del beneficiario',
  comune: 'Comune di residenza, che richiede il servizio',
  comune_compartecipante: 'secondo Comune che divide la spesa, o «nessuno»',
  ente: "denominazione dell'ente accreditato",
  aliquota_iva: "aliquota IVA applicata dall'ente",
  data_inizio: 'data di avvio del servizio',
  data_fine: 'data di fine del progetto, o «fino a revoca»',
  ore_annuali: 'monte ore annuale (servizi a ore)',
  tariffa: 'tariffa in vigore alla data di avvio, IVA esclusa',
  costo_stimato: 'costo annuo stimato a carico del Comune, IVA inclusa',
  budget_annuale: 'budget annuale impegnato dal Comune',
  profilo_operatore: 'profilo dell’operatore (SAAP), o «—»',
  unita_diurna: 'unità d’offerta del servizio diurno, o «—»',
  frequenza: 'tipo di frequenza del servizio diurno, o «—»',
  assistente_sociale: 'assistente sociale referente',
  termine_trasmissione: "data entro cui il contratto va trasmesso all'ente",
  termine_restituzione: 'tempo concesso all’ente per restituirlo firmato',
  scadenze: 'elenco delle scadenze: per ciascuna {descrizione} e {data}',
  descrizione: 'descrizione di una scadenza (dentro {#scadenze}…{/scadenze})',
  data: 'data di una scadenza (dentro {#scadenze}…{/scadenze})',
} as const;

export type ContractPlaceholder = keyof typeof contractPlaceholders;

/** Everything a contract template is filled with: Italian text, ready to print. */
export type ContractFields = Readonly<
  Record<Exclude<ContractPlaceholder, 'scadenze' | 'descrizione' | 'data'>, string> & {
    scadenze: readonly { descrizione: string; data: string }[];
  }
>;

/** What a contract is written from. */
export interface ContractSource {
  readonly protocol: string;
  readonly receivedOn: CalendarDate;
  readonly draftedOn: CalendarDate;
  readonly draft: RequestDraft;
  readonly providerName: string | null;
  readonly vatRateBasisPoints: number;
  /** When the contract is sent: its «Scadenze» then count from that day, as the covering e-mail does. */
  readonly sentOn?: CalendarDate | null;
}

const kindLabels: Record<RequestDraft['kind'], string> = {
  activation: 'Richiesta di attivazione di servizio accreditato',
  day_centre_entry: 'Richiesta di ingresso in servizio diurno',
  variation: 'Richiesta di variazione progettuale',
  cessation: 'Comunicazione di cessazione',
};

const attendanceLabels = {
  full_time: 'tempo pieno',
  part_time_horizontal: 'part time orizzontale',
  part_time_vertical: 'part time verticale',
} as const;

const missing = '—';
const date = (value: CalendarDate | null) => (value ? formatShortItalianDate(value) : missing);

/** The text of every placeholder of the CONTRATTO DI AVVIO for one accepted request. */
export function contractFields(source: ContractSource): ContractFields {
  const { draft } = source;
  const request = draft.request;
  const service = draft.service && isServiceCode(draft.service) ? draft.service : null;
  const estimate = budgetEstimate(draft, {
    receivedOn: source.receivedOn,
    vatRateBasisPoints: source.vatRateBasisPoints,
  });
  const returnDays = service ? serviceDefinition(service).contract.providerReturnWorkingDays : null;
  const deadlines = requestDeadlines({
    kind: draft.kind,
    service,
    receivedOn: source.receivedOn,
    contractSentOn: source.sentOn ?? null,
  });
  const dispatch = deadlines.find((deadline) => deadline.id === 'contract_to_provider');
  const dayUnit = request.dayUnit ? (dayUnitById(request.dayUnit) ?? findDayUnit(request.dayUnit)) : null;
  return {
    protocollo: source.protocol,
    data_ricevimento: date(source.receivedOn),
    data_contratto: date(source.draftedOn),
    tipo_richiesta: kindLabels[draft.kind],
    servizio_codice: service ?? missing,
    servizio_nome: service ? serviceDefinition(service).name : missing,
    beneficiario_cognome: draft.beneficiary.surname ?? missing,
    beneficiario_nome: draft.beneficiary.name ?? missing,
    beneficiario_codice_fiscale: draft.beneficiary.taxCode ?? missing,
    beneficiario_data_nascita: date(draft.beneficiary.birthDate),
    comune: draft.beneficiary.municipality ?? missing,
    comune_compartecipante: request.coPayingMunicipality ?? 'nessuno',
    ente: source.providerName ?? request.provider ?? missing,
    aliquota_iva: formatPercentFromBasisPoints(source.vatRateBasisPoints),
    data_inizio: date(request.startDate),
    data_fine: request.endDate ? date(request.endDate) : 'fino a revoca',
    ore_annuali: request.annualHours === null ? missing : `${formatHours(request.annualHours)} ore`,
    tariffa: estimate
      ? `${formatEuro(estimate.tariff.amountCents)} all'ora (${estimate.tariff.description})`
      : missing,
    costo_stimato: estimate ? formatEuro(estimate.municipalityShareCents) : missing,
    budget_annuale: request.annualBudgetCents === null ? missing : formatEuro(request.annualBudgetCents),
    profilo_operatore: request.operatorProfile ?? missing,
    unita_diurna: dayUnit?.name ?? request.dayUnit ?? missing,
    frequenza: request.attendance ? attendanceText(request.attendance) : missing,
    assistente_sociale: request.socialWorker ?? missing,
    termine_trasmissione: date(dispatch?.dueDate ?? null),
    termine_restituzione:
      returnDays === null ? 'tempestivamente' : `entro ${returnDays} giorni lavorativi dal ricevimento`,
    scadenze: deadlines.map((deadline) => ({
      descrizione: deadline.description,
      data: formatShortItalianDate(deadline.dueDate),
    })),
  };
}

function attendanceText(attendance: NonNullable<RequestDraft['request']['attendance']>): string {
  const label = attendanceLabels[attendance.type];
  const weekdays = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'];
  return attendance.type === 'part_time_vertical' && attendance.weekdays.length > 0
    ? `${label} (${attendance.weekdays.map((day) => weekdays[day - 1]).join(', ')})`
    : label;
}
