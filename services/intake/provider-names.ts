import { namesProvider } from '../../domain/text/provider-name.js';

/** A provider of the register as forms name it: its name and the other spellings met. */
export interface ProviderName {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** The provider of the register a form names («Coop. Il Girasole»), or null when none matches. */
export function providerNamed(written: string | null, providers: readonly ProviderName[]): string | null {
  if (!written) return null;
  return (
    providers.find((candidate) => namesProvider(written, [candidate.name, ...candidate.aliases]))?.id ?? null
  );
}
