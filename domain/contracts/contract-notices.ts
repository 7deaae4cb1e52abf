import type { CalendarDate } from '../calendar/calendar-date.js';
import { formatLongItalianDate } from '../calendar/italian-date-format.js';

/** The contract a notice is about, as people recognise it. */
export interface ContractReference {
  readonly protocol: string;
  readonly service: string;
  readonly provider: string;
  /** Initials only: Teams notices to providers and staff channels carry no full names. */
  readonly beneficiaryInitials: string;
}

const about = (contract: ContractReference) =>
  `pratica ${contract.protocol} (${contract.service}, beneficiario ${contract.beneficiaryInitials})`;

/** To the provider in Teams, when the contract has just been e-mailed. */
export function contractSentNotice(contract: ContractReference, dueBackOn: CalendarDate | null): string {
  return [
    `📄 Comunità Sociale Cremasca ha trasmesso via e-mail il contratto di avvio del servizio per la ${about(contract)}.`,
    dueBackOn
      ? `Va restituito compilato e firmato, rispondendo alla stessa e-mail, entro ${formatLongItalianDate(dueBackOn)}.`
      : 'Va restituito compilato e firmato rispondendo alla stessa e-mail.',
    'Un eventuale rifiuto va motivato per iscritto nella risposta.',
  ].join('\n\n');
}

/** To the social workers of the Comune when staff did not approve the contract. */
export function contractRejectedNotice(contract: ContractReference, reason: string): string {
  return `⚠️ Il contratto per la ${about(contract)} non è stato approvato dall'Ufficio Amministrazione. Motivo: ${reason}. L'ufficio ha scritto al Comune all'indirizzo da cui è arrivata la richiesta.`;
}

/** To staff when the signed contract came back. */
export function contractReturnedNotice(contract: ContractReference, via: string): string {
  return `✅ ${contract.provider} ha restituito firmato il contratto della ${about(contract)} (${via}). Ricordarsi della fase D in Gecas.`;
}

/** To staff when the provider refused in writing. */
export function contractRefusedNotice(
  contract: ContractReference,
  reason: string,
  refusalsThisYear: number,
): string {
  return `❌ ${contract.provider} ha rifiutato l'incarico per la ${about(contract)}. Motivo: ${reason}. Rifiuti dell'ente nell'anno: ${refusalsThisYear}. Il Comune deve indicare un altro ente.`;
}

// More than five refusals in a calendar year means removal from the Albo (disciplinare, SAD FASE 4) — the agency decides, not Sportello.
export function refusalsOverLimitNotice(
  provider: string,
  year: number,
  refusals: number,
  limit: number,
): string {
  return `🚨 ${provider} ha rifiutato ${refusals} contratti nel ${year}, oltre il limite di ${limit} previsto dal disciplinare per la permanenza nell'Albo degli enti accreditati. La valutazione spetta all'Azienda.`;
}

/** To the provider when the signed contract is late. */
export function contractOverdueProviderReminder(
  contract: ContractReference,
  dueBackOn: CalendarDate,
): string {
  return `⏰ Il contratto di avvio per la ${about(contract)} doveva essere restituito firmato entro ${formatLongItalianDate(dueBackOn)}. Si prega di inviarlo al più presto rispondendo all'e-mail di trasmissione, o di motivare per iscritto un eventuale rifiuto.`;
}

/** To staff when the signed contract is late. */
export function contractOverdueStaffAlert(contract: ContractReference, dueBackOn: CalendarDate): string {
  return `⏰ ${contract.provider} non ha ancora restituito il contratto della ${about(contract)}, atteso entro ${formatLongItalianDate(dueBackOn)}. È stato inviato un sollecito all'ente.`;
}

/** To staff when a draft is still undecided on the day it must reach the provider. */
export function contractDispatchDueAlert(contract: ContractReference, dueOn: CalendarDate): string {
  return `📌 Il contratto della ${about(contract)} va trasmesso all'ente entro ${formatLongItalianDate(dueOn)} ed è ancora in attesa di approvazione.`;
}

/** "Rossi Giovanni" → "R. G." */
export function initialsOf(surname: string | null, name: string | null): string {
  const initials = [surname, name]
    .map((part) => part?.trim().charAt(0).toUpperCase())
    .filter((initial): initial is string => Boolean(initial));
  return initials.length > 0 ? initials.map((initial) => `${initial}.`).join(' ') : '—';
}
