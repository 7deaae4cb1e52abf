import type { CalendarDate } from '../calendar/calendar-date.js';
import { formatItalianMonth, formatLongItalianDate } from '../calendar/italian-date-format.js';
import { formatEuro, formatPercentFromBasisPoints } from '../money.js';
import { serviceDefinition } from '../catalogue/services.js';
import { paymentDueDate } from '../deadlines/month-cycle.js';
import type { CalendarDuty } from './calendar-duties.js';

/** The services of a duty as people call them, never as codes ("CENTRO_DIURNO_MINORI"). */
const serviceNames = (duty: CalendarDuty) =>
  (duty.services ?? []).map((code) => serviceDefinition(code).name).join('; ');

/** A reminder as people read it: a subject for e-mail and the text (Teams or e-mail body). */
export interface DutyMessage {
  readonly subject: string;
  readonly paragraphs: readonly string[];
}

const monthOfDuty = (duty: CalendarDuty) =>
  formatItalianMonth(duty.serviceMonth!.year, duty.serviceMonth!.month);

/** To a provider: validate last month's hours in Gecas by day 8, with the projects concerned. */
export function providerHoursMessage(
  duty: CalendarDuty,
  projects: readonly { beneficiary: string; service: string }[],
): DutyMessage {
  const month = monthOfDuty(duty);
  const second = duty.kind === 'provider_hours_day6';
  return {
    subject: `${second ? 'Secondo promemoria' : 'Promemoria'}: ore di ${month} da validare in Gecas entro il ${formatLongItalianDate(duty.lastUsefulOn)}`,
    paragraphs: [
      `${second ? '⏰ Secondo promemoria' : '📅 Promemoria'}: entro ${formatLongItalianDate(duty.lastUsefulOn)} occorre validare in Gecas le ore di ${month} per ciascun beneficiario.${second ? ' Al momento le ore del mese non risultano ancora validate.' : ''}`,
      `Progetti attivi nel mese (${projects.length}):`,
      [
        ...projects.slice(0, 40).map((project) => `• ${project.beneficiary} – ${project.service}`),
        ...(projects.length > 40 ? [`… e altri ${projects.length - 40}.`] : []),
      ].join('\n'),
      'Dal giorno 9 al 20 i Comuni controllano le ore; dal giorno 21 sarà possibile emettere fattura.',
    ],
  };
}

/** To a Comune: the check window of the hours validated by the providers. */
export function municipalityCheckMessage(duty: CalendarDuty, municipality: string): DutyMessage {
  const month = monthOfDuty(duty);
  return {
    subject: `Verifica delle ore di ${month} entro il ${formatLongItalianDate(duty.lastUsefulOn)}`,
    paragraphs: [
      `🔎 Comune di ${municipality}: da oggi e fino al ${formatLongItalianDate(duty.lastUsefulOn)} è possibile verificare in Gecas le ore di ${month} validate dagli enti.`,
      'Eventuali contestazioni vanno segnalate entro il termine; dal giorno 21 le ore si intendono validate.',
    ],
  };
}

/** To a provider: invoices for last month may be issued from day 21 to the end of the month. */
export function invoicingOpenMessage(duty: CalendarDuty): DutyMessage {
  const month = monthOfDuty(duty);
  return {
    subject: `Fatturazione delle ore di ${month}: dal 21 al ${formatLongItalianDate(duty.lastUsefulOn)}`,
    paragraphs: [
      `🧾 Le ore di ${month} sono validate: è possibile emettere fattura fino al ${formatLongItalianDate(duty.lastUsefulOn)}.`,
      `Il pagamento avviene entro 30 giorni data fattura fine mese (per una fattura emessa oggi, entro il ${formatLongItalianDate(paymentDueDate(duty.dueOn))}), nei limiti degli impegni di spesa dei Comuni.`,
    ],
  };
}

/** To a day centre's provider: last month's attendance sheet by day 10 (seed l. 2143-2146). */
export function attendanceSheetMessage(
  duty: CalendarDuty,
  projects: readonly { beneficiary: string; service: string }[],
): DutyMessage {
  const month = monthOfDuty(duty);
  return {
    subject: `Promemoria: prospetto delle presenze di ${month} entro il ${formatLongItalianDate(duty.lastUsefulOn)}`,
    paragraphs: [
      `📅 Promemoria: entro ${formatLongItalianDate(duty.lastUsefulOn)} occorre inviare a Comunità Sociale Cremasca il prospetto delle presenze mensili di ${month} degli utenti frequentanti.`,
      `Utenti in carico nel mese (${projects.length}):`,
      [
        ...projects.slice(0, 40).map((project) => `• ${project.beneficiary} – ${project.service}`),
        ...(projects.length > 40 ? [`… e altri ${projects.length - 40}.`] : []),
      ].join('\n'),
      "La fattura del mese può essere emessa entro l'ultimo giorno del mese corrente.",
    ],
  };
}

/** To a day centre's provider: the month's invoice by the end of the month (seed l. 2150-2152). */
export function attendanceInvoicingMessage(duty: CalendarDuty): DutyMessage {
  const month = monthOfDuty(duty);
  return {
    subject: `Fatturazione delle presenze di ${month} entro il ${formatLongItalianDate(duty.lastUsefulOn)}`,
    paragraphs: [
      `🧾 La fattura delle presenze di ${month} può essere emessa entro il ${formatLongItalianDate(duty.lastUsefulOn)}.`,
      `L'Azienda verifica le giornate dichiarate con il calendario di frequenza di ogni utente; il pagamento avviene entro 30 giorni data fattura fine mese (per una fattura emessa oggi, entro il ${formatLongItalianDate(paymentDueDate(duty.dueOn))}), nei limiti degli impegni di spesa dei Comuni.`,
    ],
  };
}

/** To a Comune: send the spending forecast for the next period by the deadline. */
export function forecastRequestMessage(duty: CalendarDuty, municipality: string): DutyMessage {
  const services = serviceNames(duty);
  return {
    subject: `Previsionale di spesa entro il ${formatLongItalianDate(duty.deadline!)}`,
    paragraphs: [
      `📊 Comune di ${municipality}: entro ${formatLongItalianDate(duty.deadline!)} va inviato il previsionale di spesa per la prosecuzione dei progetti in corso (${services}).`,
      "Entro 10 giorni dal ricevimento l'Azienda trasmetterà agli enti i contratti cumulativi.",
    ],
  };
}

/** To staff: the agency proposes the forecast itself (Tutela Minori) by the deadline. */
export function forecastProposalMessage(duty: CalendarDuty): DutyMessage {
  return {
    subject: `Proposta di previsionale entro il ${formatLongItalianDate(duty.deadline!)}`,
    paragraphs: [
      `📊 Entro ${formatLongItalianDate(duty.deadline!)} l'Azienda deve proporre ai Comuni il previsionale per ${serviceNames(duty)}; i Comuni lo sottoscrivono entro il 30 novembre.`,
    ],
  };
}

/** To the Comune (social workers, or its office): a project passed the spending threshold. */
export function budgetThresholdMessage(input: {
  readonly protocolOrProject: string;
  readonly beneficiaryInitials: string;
  readonly service: string;
  readonly thresholdPercent: number;
  readonly committedCents: number;
  readonly spentCents: number;
  readonly shareUsedBasisPoints: number;
  readonly spentThrough: CalendarDate | null;
}): DutyMessage {
  return {
    subject: `Superata la soglia dell'${input.thresholdPercent}% del budget – ${input.service}, ${input.beneficiaryInitials}`,
    paragraphs: [
      `⚠️ Il progetto ${input.service} del beneficiario ${input.beneficiaryInitials} (${input.protocolOrProject}) ha utilizzato il ${formatPercentFromBasisPoints(input.shareUsedBasisPoints)} del budget impegnato: ${formatEuro(input.spentCents)} su ${formatEuro(input.committedCents)}${input.spentThrough ? `, ore validate fino al ${formatLongItalianDate(input.spentThrough)}` : ''}.`,
      "Si suggerisce di valutare una ridefinizione del progetto o un'integrazione dell'impegno di spesa.",
    ],
  };
}
