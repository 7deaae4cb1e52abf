import type { Caller } from '../../services/access/caller.js';

/** What Sportello can answer, in the words a user can type. */
export function helpText(caller: Caller): string {
  const lines = [
    `Buongiorno ${caller.displayName}, sono Sportello, l'assistente dell'Ufficio Amministrazione di Comunità Sociale Cremasca. Può chiedermi:`,
    '• «quanto budget resta per Bianchi Maria» (oppure per un codice fiscale o per la pratica 2027/000123)',
    '• «i miei progetti»',
    '• «scadenze della settimana» (o «del mese»)',
    '• «stato della richiesta 2027/000123»',
  ];
  if (caller.role === 'staff')
    lines.push(
      '• «contratti da approvare»',
      'Riceverà qui anche le schede dei nuovi contratti da approvare.',
    );
  if (caller.role === 'provider')
    lines.push("Riceverà qui i promemoria mensili (ore da validare in Gecas entro l'8, fatture dal 21).");
  return lines.join('\n\n');
}
