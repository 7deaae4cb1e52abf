import { adaptiveCard, reasonAction, text, type AdaptiveCard } from './card-elements.js';

/** What the staff's card of an applied variation or cessation shows. */
export interface ProjectChangeCardData {
  readonly protocol: string;
  readonly kind: 'variation' | 'cessation';
  readonly service: string;
  readonly provider: string | null;
  readonly lines: readonly string[];
  /** Set once the change was cancelled: the card then shows who did it and offers nothing. */
  readonly cancelledBy?: string | null;
}

/**
 * The card staff see when a variation or cessation has been applied (no approval is needed: the
 * Comune's decision is the authority), with a button to cancel a change applied by mistake.
 */
export function projectChangeCard(data: ProjectChangeCardData, notice?: string): AdaptiveCard {
  const title = data.kind === 'cessation' ? 'Cessazione applicata' : 'Variazione applicata';
  const cancelled = data.cancelledBy !== undefined && data.cancelledBy !== null;
  return adaptiveCard(
    [
      ...(notice ? [text(notice, { color: 'Attention', weight: 'Bolder' })] : []),
      text(`${title} – pratica ${data.protocol}`, { size: 'Medium', weight: 'Bolder' }),
      text(
        `Servizio ${data.service}${data.provider ? `, ente gestore ${data.provider}` : ', ente gestore non in anagrafica: avvisarlo manualmente'}`,
        {
          isSubtle: true,
          spacing: 'None',
        },
      ),
      ...data.lines.map((line) => text(`• ${line}`)),
      text(
        cancelled
          ? `Annullata da ${data.cancelledBy}: il progetto è tornato alle condizioni precedenti.`
          : "Applicata al progetto e comunicata all'ente gestore. Se è stata applicata per errore, si può annullare.",
        { weight: 'Bolder', color: cancelled ? 'Warning' : 'Good' },
      ),
    ],
    cancelled
      ? []
      : [
          reasonAction({
            title: 'Annulla la modifica',
            explanation: "Il progetto torna alle condizioni precedenti e l'ente gestore ne è informato.",
            label: 'Motivo (obbligatorio)',
            errorMessage: "Indicare il motivo dell'annullamento.",
            confirm: 'Conferma annullamento',
            verb: 'cancelProjectChange',
            data: { protocol: data.protocol },
          }),
        ],
  );
}
