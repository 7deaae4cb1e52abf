import type { AdaptiveCard } from './approval-card.js';
import { withoutMarkdown } from './card-markdown.js';

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

const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: withoutMarkdown(value),
  wrap: true,
  ...extra,
});

/**
 * The card staff see when a variation or cessation has been applied (no approval is needed: the
 * Comune's decision is the authority), with a button to cancel a change applied by mistake.
 */
export function projectChangeCard(data: ProjectChangeCardData, notice?: string): AdaptiveCard {
  const title = data.kind === 'cessation' ? 'Cessazione applicata' : 'Variazione applicata';
  const cancelled = data.cancelledBy !== undefined && data.cancelledBy !== null;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
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
    actions: cancelled
      ? []
      : [
          {
            type: 'Action.ShowCard',
            title: 'Annulla la modifica',
            card: {
              type: 'AdaptiveCard',
              body: [
                text("Il progetto torna alle condizioni precedenti e l'ente gestore ne è informato."),
                {
                  type: 'Input.Text',
                  id: 'reason',
                  label: 'Motivo (obbligatorio)',
                  isMultiline: true,
                  maxLength: 500,
                  isRequired: true,
                },
              ],
              actions: [
                {
                  type: 'Action.Execute',
                  title: 'Conferma annullamento',
                  verb: 'cancelProjectChange',
                  data: { protocol: data.protocol },
                },
              ],
            },
          },
        ],
  };
}
