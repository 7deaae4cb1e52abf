import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import type {
  CumulativeContractStep,
  CumulativeContractView,
} from '../../services/forecasts/cumulative-contract-steps.js';
import { adaptiveCard, factSet, text, type AdaptiveCard } from './card-elements.js';

const fact = (title: string, value: string) => ({ title, value });

function button(contract: CumulativeContractView, step: CumulativeContractStep, title: string) {
  return {
    type: 'Action.Execute',
    title,
    verb: 'cumulativeContractStep',
    data: { id: contract.id, version: contract.version, step },
  };
}

/**
 * The staff's card of a cumulative contract owed after a Comune's forecast: its dates, where it
 * stands, and a button for the next step (sent, returned signed, fase D entered).
 */
export function cumulativeContractCard(contract: CumulativeContractView, notice?: string): AdaptiveCard {
  const long = formatLongItalianDate;
  const stateLine =
    contract.state === 'due'
      ? `Da trasmettere all'ente entro il ${long(contract.dueOn)}.`
      : contract.state === 'sent'
        ? `Trasmesso il ${long(contract.sentOn!)}: la copia firmata deve tornare entro il ${long(contract.dueBackOn!)}.`
        : `Restituito firmato il ${long(contract.returnedOn!)}.`;
  const actions = [
    ...(contract.state === 'due' ? [button(contract, 'sent', "Segna come trasmesso all'ente")] : []),
    ...(contract.state === 'sent' ? [button(contract, 'returned', 'Segna come restituito firmato')] : []),
    ...(contract.phaseDDoneOn ? [] : [button(contract, 'phase_d', 'Segna la fase D come inserita in Gecas')]),
  ];
  return adaptiveCard(
    [
      ...(notice ? [text(notice, { color: 'Attention', weight: 'Bolder' })] : []),
      text(`Contratto cumulativo di avvio – ${serviceLabel(contract.service)}`, {
        size: 'Medium',
        weight: 'Bolder',
      }),
      text(`Previsione di spesa del Comune di ${contract.municipality}`, { isSubtle: true, spacing: 'None' }),
      factSet([
        fact('Ente', contract.provider.name),
        fact('Beneficiari in continuità', String(contract.beneficiaries)),
        fact('Trasmissione entro', long(contract.dueOn)),
        fact('Restituzione', `entro ${contract.returnWorkingDays} giorni lavorativi dal ricevimento`),
        fact(
          'Fase D in Gecas',
          contract.phaseDDoneOn
            ? `inserita il ${long(contract.phaseDDoneOn)}`
            : `entro il ${long(contract.phaseDDueOn)}`,
        ),
      ]),
      text(stateLine, { weight: 'Bolder', color: contract.state === 'returned' ? 'Good' : 'Default' }),
    ],
    actions,
  );
}
