/** Who is asking, as Sportello knows them. */
export interface Caller {
  readonly teamsUserId: string;
  readonly displayName: string;
  readonly role: 'staff' | 'social_worker' | 'provider';
  /** The Comune a social worker works for. */
  readonly municipalityId: string | null;
  readonly municipalityName: string | null;
  /** The provider a provider's user works for. */
  readonly providerId: string | null;
}

/** Where Teams identities are looked up. */
export interface CallerDirectory {
  /** By Azure AD object id first, then by user principal name / e-mail. */
  findCaller(identity: {
    aadObjectId: string | null;
    userPrincipalName: string | null;
  }): Promise<Caller | null>;
}

/** The rows a caller may see: a social worker her Comune's, a provider its own projects', staff all. */
export interface CallerScope {
  readonly municipalityId: string | null;
  readonly providerId: string | null;
}

export function scopeOf(caller: Caller): CallerScope {
  if (caller.role === 'social_worker')
    return { municipalityId: caller.municipalityId ?? '__none__', providerId: null };
  if (caller.role === 'provider')
    return { municipalityId: null, providerId: caller.providerId ?? '__none__' };
  return { municipalityId: null, providerId: null };
}

export const unknownCallerMessage =
  "Gentile utente, non risulta abilitato all'uso di Sportello. Per richiedere l'accesso scriva all'Ufficio Amministrazione di Comunità Sociale Cremasca (amministrazione@comunitasocialecremasca.it) indicando il Comune o l'ente per cui lavora.";
