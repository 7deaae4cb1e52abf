import type { CalendarDate } from '../domain/calendar/calendar-date.js';
import { formatLongItalianDate, formatShortItalianDate } from '../domain/calendar/italian-date-format.js';
import { formatEuro } from '../domain/money.js';
import type { ContractCardData } from '../services/contracts/contract-card-data.js';
import { html, type HtmlFragment } from './html.js';

const stateLabels: Record<ContractCardData['state'], string> = {
  draft: 'da approvare',
  approved: 'approvato, in invio all’ente',
  rejected: 'non approvato',
  sent: 'inviato all’ente, in attesa della copia firmata',
  returned: 'restituito firmato',
  refused: 'rifiutato dall’ente',
};

/** The contract of a request on its page, for staff: where it stands and the actions of the Teams card. */
export function contractSection(card: ContractCardData, protocol: string): HtmlFragment {
  const action = (path: string, fields: HtmlFragment, label: string) =>
    html`<form method="post" action="/console/contratti/${card.contractId}/${path}" class="filtri">
<input type="hidden" name="versione" value="${card.version}"><input type="hidden" name="pratica" value="${protocol}">${fields}<button type="submit">${label}</button></form>`;
  const reason = (label: string) =>
    html`<label>${label}<input name="motivo" required maxlength="500"></label>`;
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  const actions =
    card.state === 'draft'
      ? [
          action('decisione', hidden('decisione', 'approved'), 'Approva il contratto'),
          action(
            'decisione',
            html`${hidden('decisione', 'rejected')}${reason('Motivo della non approvazione')}`,
            'Non approvare',
          ),
        ]
      : card.state === 'sent'
        ? [
            action('esito', hidden('esito', 'returned'), 'Segna come restituito firmato'),
            action(
              'esito',
              html`${hidden('esito', 'refused')}${reason("Motivo del rifiuto dell'ente")}`,
              "Registra il rifiuto dell'ente",
            ),
          ]
        : card.phaseDPending
          ? [
              action(
                'fase-d',
                html`<label>Operatore incaricato (comunicato dall'ente)<input name="operatore" maxlength="80" value="${card.operatorName ?? ''}"></label>`,
                'Segna la fase D inserita in Gecas',
              ),
            ]
          : [];
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
  const rows = facts.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`);
  const notices = card.notices.map((notice) => html`<p class="avviso">${notice}</p>`);
  const document = card.documentUrl ? html`<p><a href="${card.documentUrl}">Apri il contratto</a></p>` : '';
  return html`<h2>Contratto di avvio</h2>${notices}<table><tbody>${rows}</tbody></table>${milestoneTable(card)}${document}${actions}`;
}

const shortDate = (date: string | null) => (date ? formatShortItalianDate(date as CalendarDate) : '—');

/** Each step's planned date beside the day it happened. */
function milestoneTable(card: ContractCardData): HtmlFragment | '' {
  if (card.milestones.length === 0) return '';
  const rows = card.milestones.map(
    (step) =>
      html`<tr><th scope="row">${step.label}</th><td>${shortDate(step.planned)}</td><td>${shortDate(step.actual)}</td></tr>`,
  );
  return html`<h3>Date previste ed effettive</h3><table><thead><tr><th scope="col">Passo</th><th scope="col">Previsto</th><th scope="col">Effettivo</th></tr></thead><tbody>${rows}</tbody></table>`;
}
