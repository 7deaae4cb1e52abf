import type { MessageTrust } from '../mail/parsing/parse-message.js';
import { readPecProviders } from '../mail/parsing/pec-provider-list.js';
import { readTrustedList } from '../mail/parsing/trusted-list.js';
import type { MailConfig } from './mail-config.js';

/**
 * The PEC providers and qualified CAs the office trusts, read once at start from the files its
 * configuration names; a file that cannot be used stops Sportello with the reason.
 */
export function messageTrust(mail: MailConfig): MessageTrust {
  const list = mail.signatureTrustedList;
  return {
    pecProviders: mail.pecTrustedProviders ? readPecProviders(mail.pecTrustedProviders) : [],
    qualifiedAuthorities: list ? readTrustedList(list.path, list.signerSha256).authorities : [],
  };
}
