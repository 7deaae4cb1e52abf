import { isStaff } from '../../services/access/refusal.js';
import type { Caller } from '../../services/access/caller.js';

/** What Sportello can answer, in the words a user can type. */
export function helpText(caller: Caller): string {
  const lines = [
    `Buongiorno ${caller.displayName}, sono Sportello, l'assistente dell'Ufficio Amministrazione di Comunità Sociale Cremasca. Può chiedermi:`,
    '• «quanto budget resta per Bianchi Maria» (oppure per un codice fiscale o per la pratica 2027/0000123)',
    '• «i miei progetti»',
    '• «scadenze della settimana» (o «del mese»)',
    '• «stato della richiesta 2027/0000123»',
  ];
  if (isStaff(caller))
    lines.push(
      '• «contratti da approvare»',
      "• «protocollo 2027/0000123 4567/2027», per registrare il numero di protocollo dell'ufficio di una pratica",
      'Riceverà qui anche le schede dei nuovi contratti da approvare e delle variazioni applicate.',
    );
  if (caller.role === 'provider')
    lines.push(
      "Riceverà qui i promemoria mensili: ore da validare in Gecas entro l'8 e fatture dal 21, o, per i centri diurni, prospetto delle presenze entro il 10 e fattura entro fine mese.",
    );
  return lines.join('\n\n');
}
