/** A registered counterpart an address belongs to. */
export type Counterpart =
  | { readonly kind: 'municipality'; readonly municipalityId: string; readonly pec: boolean }
  | { readonly kind: 'provider'; readonly providerId: string; readonly pec: boolean };

/**
 * The registry of counterparts as the intake reads it: a mailbox registered as such, or any mailbox
 * of a registered domain. Nothing else is known, whatever a message says about itself.
 */
export interface CounterpartDirectory {
  /** Whom each address belongs to (lower-case keys); unknown addresses are absent. */
  whoAre(addresses: readonly string[]): Promise<ReadonlyMap<string, Counterpart>>;
}
