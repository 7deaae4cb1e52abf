import type { ContractCardData } from '../../services/contracts/contract-card-data.js';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import { formatEuro, formatHours } from '../../domain/money.js';
import { adaptiveCard, factSet, reasonAction, text, type AdaptiveCard } from './card-elements.js';

const romeTime = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The card staff approve a contract with (Action.Execute, so that Teams sends an invoke and the
 * card is replaced by the answer; `refresh` keeps it current for every staff member who sees it).
 */
export function approvalCard(data: ContractCardData, refreshUserIds: readonly string[] = []): AdaptiveCard {
  const body: unknown[] = [
    text(`Contratto di avvio del servizio – pratica ${data.protocol}`, { size: 'Medium', weight: 'Bolder' }),
    text(data.kindLabel, { isSubtle: true, spacing: 'None' }),
    factSet(contractFacts(data)),
    ...checksAndDeadlines(data),
    ...draftDocument(data),
    text(statusLine(data), { weight: 'Bolder', color: statusColour(data.state) }),
  ];
  const actions =
    data.state === 'sent' ? returnActions(data) : data.state === 'draft' ? decisionActions(data) : [];
  return adaptiveCard(body, actions, {
    refresh: {
      action: {
        type: 'Action.Execute',
        title: 'Aggiorna',
        verb: 'refreshContract',
        data: { contractId: data.contractId },
      },
      ...(refreshUserIds.length > 0 ? { userIds: refreshUserIds.slice(0, 60) } : {}),
    },
  });
}

function contractFacts(data: ContractCardData): { title: string; value: string }[] {
  const optional = (title: string, value: string | null) => (value ? [{ title, value }] : []);
  return [
    { title: 'Beneficiario', value: data.beneficiary.fullName },
    ...optional('Codice fiscale', data.beneficiary.taxCode),
    ...optional('Comune', data.beneficiary.municipality),
    { title: 'Servizio', value: data.serviceLabel },
    { title: 'Ente', value: data.provider ?? 'non indicato' },
    ...optional(
      'Monte ore annuale',
      data.annualHours !== null ? `${formatHours(data.annualHours)} ore` : null,
    ),
    ...optional('Budget annuale', data.budgetCents !== null ? formatEuro(data.budgetCents) : null),
    ...optional(
      'Costo stimato',
      data.estimatedCostCents !== null ? formatEuro(data.estimatedCostCents) : null,
    ),
  ];
}

function checksAndDeadlines(data: ContractCardData): unknown[] {
  const blocks: unknown[] = data.notices.map((notice) =>
    text(`⚠️ ${notice}`, { color: 'Warning', weight: 'Bolder' }),
  );
  if (data.checks.length > 0)
    blocks.push(
      text('Controlli superati', { weight: 'Bolder' }),
      text(data.checks.map((check) => `✓ ${check}`).join('\n\n')),
    );
  if (data.deadlines.length > 0)
    blocks.push(
      text('Scadenze', { weight: 'Bolder' }),
      factSet(
        data.deadlines.map((deadline) => ({
          title: formatShortItalianDate(deadline.date),
          value: deadline.label,
        })),
      ),
    );
  return blocks;
}

function draftDocument(data: ContractCardData): unknown[] {
  const line = text(
    data.documentUrl ? 'Bozza del contratto pronta.' : 'Bozza del contratto in preparazione.',
    { isSubtle: true },
  );
  if (!data.documentUrl) return [line];
  return [
    line,
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Apri la bozza del contratto', url: data.documentUrl }],
    },
  ];
}

function statusColour(state: ContractCardData['state']): string {
  if (state === 'rejected' || state === 'refused') return 'Attention';
  return state === 'draft' ? 'Default' : 'Good';
}

/** Approve, or reject with a reason (required: it reaches the social worker). */
function decisionActions(data: ContractCardData) {
  return [
    {
      type: 'Action.Execute',
      title: 'Approva',
      verb: 'approveContract',
      data: { contractId: data.contractId, version: data.version },
      style: 'positive',
    },
    reasonAction({
      title: 'Rifiuta',
      label: 'Motivo del rifiuto',
      errorMessage: 'Indicare il motivo del rifiuto.',
      confirm: 'Conferma il rifiuto',
      verb: 'rejectContract',
      data: { contractId: data.contractId, version: data.version },
    }),
  ];
}

/** Staff record by hand an answer that reached the office outside the contract's e-mail thread. */
function returnActions(data: ContractCardData) {
  return [
    {
      type: 'Action.Execute',
      title: 'Segna come restituito firmato',
      verb: 'markContractReturned',
      data: { contractId: data.contractId },
    },
    reasonAction({
      title: "Registra il rifiuto dell'ente",
      label: "Motivazione scritta dell'ente",
      errorMessage: 'Indicare la motivazione del rifiuto.',
      confirm: 'Conferma il rifiuto',
      verb: 'markContractRefused',
      data: { contractId: data.contractId },
    }),
  ];
}

const moment = (at: Date) => `${formatShortItalianDate(romeDateOf(at))} alle ${romeTime.format(at)}`;

function statusLine(data: ContractCardData): string {
  const decision = data.decision;
  const when = decision ? moment(decision.at) : '';
  switch (data.state) {
    case 'draft':
      return 'In attesa di approvazione.';
    case 'rejected':
      return `Non approvato da ${decision?.by ?? '—'} il ${when}${decision?.reason ? `: ${decision.reason}` : ''}.`;
    case 'approved':
      return `Approvato da ${decision?.by ?? '—'} il ${when}: in invio all'ente.`;
    case 'sent': {
      const { sentAt, dueBackOn } = data.delivery;
      return `Approvato da ${decision?.by ?? '—'} il ${when}; inviato all'ente${sentAt ? ` il ${moment(sentAt)}` : ''}${dueBackOn ? `, da restituire firmato entro il ${formatShortItalianDate(dueBackOn)}` : ''}.`;
    }
    case 'returned': {
      const { returnedAt } = data.delivery;
      return `Approvato da ${decision?.by ?? '—'} il ${when}; contratto restituito firmato dall'ente${returnedAt ? ` il ${moment(returnedAt)}` : ''}.`;
    }
    case 'refused':
      return `Approvato da ${decision?.by ?? '—'} il ${when}; l'ente ha rifiutato l'incarico${data.delivery.refusalReason ? `: ${data.delivery.refusalReason}` : ''}.`;
  }
}

/** A card that replaces a choice once made, or answers in a card. */
export function textCard(lines: readonly string[]): AdaptiveCard {
  return adaptiveCard(lines.map((line, index) => text(line, index === 0 ? { weight: 'Bolder' } : {})));
}

/** A short choice between people or projects (never outside the caller's scope). */
export function choiceCard(
  prompt: string,
  options: readonly { projectId: string; label: string }[],
): AdaptiveCard {
  return adaptiveCard(
    [text(prompt, { weight: 'Bolder' })],
    options.map((option) => ({
      type: 'Action.Execute',
      title: option.label,
      verb: 'budgetChoice',
      data: { projectId: option.projectId },
    })),
  );
}
