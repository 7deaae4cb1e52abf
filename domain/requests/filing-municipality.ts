import { findAmbitoMunicipality } from '../catalogue/municipalities.js';

/** Who filed a request and for whom: the registered Comune of the sender and what the form says. */
export interface FilingFacts {
  /** ISTAT code of the Comune whose registered office sent the request. */
  readonly senderMunicipalityId: string;
  /** The beneficiary's Comune of residence as written on the form, if written. */
  readonly residence: string | null;
  /** The co-paying Comune as written on the form (ADM, SIP), if any. */
  readonly coPaying: string | null;
}

/**
 * Whether a Comune's office may file this request: for its own residents, as the Comune sharing the
 * cost, or for someone living outside the Ambito (ADM and SIP serve minors with a parent resident in
 * the Comune; otherwise the residence check asks the sender to correct the form). A request for a
 * resident of another of the Ambito's Comuni is a human's call: a mistake, or a mailbox misused.
 */
export function mayFileFor(facts: FilingFacts): boolean {
  // Without a residence the form is incomplete and the reply asks for it: nothing is disclosed.
  if (!facts.residence) return true;
  const residence = findAmbitoMunicipality(facts.residence);
  // The services are for residents of the Ambito's Comuni (disciplinare, SAD "Destinatari").
  if (residence?.istatCode === facts.senderMunicipalityId) return true;
  // A second Comune may share the cost 50/50 (DOMAIN.md "Cost sharing"; disciplinare, ADM and SIP).
  const coPaying = facts.coPaying ? findAmbitoMunicipality(facts.coPaying) : null;
  if (coPaying?.istatCode === facts.senderMunicipalityId) return true;
  // ADM and SIP: minors resident, or with a parent resident, in the Ambito (disciplinare l. 554, l. 1057).
  return residence === null;
}
