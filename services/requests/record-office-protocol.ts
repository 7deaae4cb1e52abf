import { isStaff } from '../access/refusal.js';
import type { Caller } from '../access/caller.js';

/** Where the office's protocol number is written against a request. */
export interface OfficeProtocolStore {
  /**
   * Records `officeProtocol` on the request numbered `protocol`, audited with the person, in one
   * transaction; false when there is no such request.
   */
  recordOfficeProtocol(input: {
    readonly protocol: string;
    readonly officeProtocol: string;
    readonly actor: string;
  }): Promise<boolean>;
}

// What a protocol number of the office's system looks like: "4567", "4567/2027", "CSC-2027-0004567".
const officeProtocolPattern = /^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,39}$/;

/**
 * Staff record the number the office's protocol system gave a request (L. 241/1990 art. 8: the
 * notice gives Sportello's own "numero di pratica" unless Sportello is the office's protocol). From
 * then on it is shown with the request: its history, its card, the e-mails about it.
 */
export async function recordOfficeProtocol(
  store: OfficeProtocolStore,
  caller: Caller | null,
  input: { readonly protocol: string; readonly officeProtocol: string },
): Promise<string> {
  if (!isStaff(caller))
    return "Il numero di protocollo lo registra il personale dell'Ufficio Amministrazione.";
  const officeProtocol = input.officeProtocol.trim();
  if (!officeProtocolPattern.test(officeProtocol))
    return `«${officeProtocol.slice(0, 40)}» non sembra un numero di protocollo: usare lettere, cifre e i segni / - . (al massimo 40 caratteri), per esempio «protocollo ${input.protocol} 4567/2027».`;
  const recorded = await store.recordOfficeProtocol({
    protocol: input.protocol,
    officeProtocol,
    actor: caller.displayName,
  });
  return recorded
    ? `Registrato: la pratica ${input.protocol} ha il protocollo n. ${officeProtocol}. Sarà indicato nella cronologia, nella scheda e nei messaggi successivi.`
    : `Non ho trovato la pratica ${input.protocol}.`;
}
