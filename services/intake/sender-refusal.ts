import type { ForwardReason } from './forward-reasons.js';
import { mayFileFor } from '../../domain/requests/filing-municipality.js';
import type { IntakeFacts } from './intake-facts.js';

const unanswered = 'Non ha avuto risposta automatica: verificare e rispondere manualmente.';

/** Why a request is not answered automatically: who sent it is not a Comune entitled to file it. */
export function senderRefusal(facts: IntakeFacts): { reason: ForwardReason; note: string } | null {
  const notMunicipality = notARegisteredMunicipality(facts);
  if (notMunicipality) return notMunicipality;
  const { sender, read } = facts;
  if (sender.counterpart?.kind !== 'municipality') return null;
  const draft = read.result.draft!;
  const entitled = mayFileFor({
    senderMunicipalityId: sender.counterpart.municipalityId,
    residence: draft.beneficiary.municipality,
    coPaying: draft.request.coPayingMunicipality,
  });
  return entitled
    ? null
    : {
        reason: 'other_municipality',
        note: `Il Comune mittente non è quello di residenza del beneficiario né il Comune che compartecipa alla spesa. ${unanswered}`,
      };
}

/** Why a message is not answered automatically: its sender is not an authenticated, registered Comune. */
export function notARegisteredMunicipality(
  facts: IntakeFacts,
): { reason: ForwardReason; note: string } | null {
  const { sender } = facts;
  const authentication = sender.authentication;
  if (authentication.outcome === 'refused')
    return {
      reason: authentication.doubt === 'several_senders' ? 'sender_ambiguous' : 'sender_not_authenticated',
      note: `Il mittente non è garantito dal server di posta dell'ufficio: ${authentication.explanation}. ${unanswered}`,
    };
  if (!sender.address || !sender.counterpart)
    return {
      reason: 'sender_not_registered',
      note: `Il mittente non è tra gli indirizzi registrati dei Comuni. ${unanswered} Se l'indirizzo è di un Comune, registrarlo.`,
    };
  if (sender.counterpart.kind !== 'municipality')
    return {
      reason: 'sender_not_municipality',
      note: `Il mittente è registrato come ente gestore, non come Comune: le richieste di servizio le inviano i Comuni. ${unanswered}`,
    };
  return null;
}
