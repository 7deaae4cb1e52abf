import type { CalendarDate } from '../domain/calendar/calendar-date.js';
import { formatLongItalianDate, formatShortItalianDate } from '../domain/calendar/italian-date-format.js';
import { formatEuro } from '../domain/money.js';
import type { ContractCardData } from '../services/contracts/contract-card-data.js';
import { escapeHtml } from './console-html.js';

const stateLabels: Record<ContractCardData['state'], string> = {
  draft: 'da approvare',
  approved: 'approvato, in invio all’ente',
  rejected: 'non approvato',
  sent: 'inviato all’ente, in attesa della copia firmata',
  returned: 'restituito firmato',
  refused: 'rifiutato dall’ente',
};

/** The contract of a request on its page, for staff: where it stands and the actions of the Teams card. */
export function contractSection(card: ContractCardData, protocol: string): string {
  const action = (path: string, fields: string, label: string) =>
    `<form method="post" action="/console/contratti/${escapeHtml(card.contractId)}/${path}" class="filtri">
<input type="hidden" name="versione" value="${card.version}"><input type="hidden" name="pratica" value="${escapeHtml(protocol)}">${fields}<button type="submit">${escapeHtml(label)}</button></form>`;
  const reason = (label: string) =>
    `<label>${escapeHtml(label)}<input name="motivo" required maxlength="500"></label>`;
  const actions =
    card.state === 'draft'
      ? action(
          'decisione',
          '<input type="hidden" name="decisione" value="approved">',
          'Approva il contratto',
        ) +
        action(
          'decisione',
          '<input type="hidden" name="decisione" value="rejected">' + reason('Motivo della non approvazione'),
          'Non approvare',
        )
      : card.state === 'sent'
        ? action(
            'esito',
            '<input type="hidden" name="esito" value="returned">',
            'Segna come restituito firmato',
          ) +
          action(
            'esito',
            '<input type="hidden" name="esito" value="refused">' + reason("Motivo del rifiuto dell'ente"),
            "Registra il rifiuto dell'ente",
          )
        : card.phaseDPending
          ? action(
              'fase-d',
              `<label>Operatore incaricato (comunicato dall'ente)<input name="operatore" maxlength="80" value="${escapeHtml(card.operatorName ?? '')}"></label>`,
              'Segna la fase D inserita in Gecas',
            )
          : '';
  const facts = [
    ['Stato', stateLabels[card.state]],
    ['Ente', card.provider ?? '—'],
    ['Budget annuale', card.budgetCents === null ? '—' : formatEuro(card.budgetCents)],
    [
      'Costo stimato (quota Comune)',
      card.estimatedCostCents === null ? '—' : formatEuro(card.estimatedCostCents),
    ],
    ...card.deadlines.map((deadline) => [deadline.label, formatLongItalianDate(deadline.date)]),
    ...(card.operatorName ? [['Operatore incaricato', card.operatorName]] : []),
    ...(card.decision
      ? [['Decisione', `${card.decision.by}${card.decision.reason ? `: ${card.decision.reason}` : ''}`]]
      : []),
  ];
  const rows = facts
    .map(
      ([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const notices = card.notices.map((notice) => `<p class="avviso">${escapeHtml(notice)}</p>`).join('');
  const document = card.documentUrl
    ? `<p><a href="${escapeHtml(card.documentUrl)}">Apri il contratto</a></p>`
    : '';
  return `<h2>Contratto di avvio</h2>${notices}<table><tbody>${rows}</tbody></table>${milestoneTable(card)}${document}${actions}`;
}

const shortDate = (date: string | null) => (date ? formatShortItalianDate(date as CalendarDate) : '—');

/** Each step's planned date beside the day it happened. */
function milestoneTable(card: ContractCardData): string {
  const rows = card.milestones
    .map(
      (step) =>
        `<tr><th scope="row">${escapeHtml(step.label)}</th><td>${escapeHtml(shortDate(step.planned))}</td><td>${escapeHtml(shortDate(step.actual))}</td></tr>`,
    )
    .join('');
  return rows
    ? `<h3>Date previste ed effettive</h3><table><thead><tr><th scope="col">Passo</th><th scope="col">Previsto</th><th scope="col">Effettivo</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
}
