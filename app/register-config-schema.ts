import { z } from 'zod';
import type { RegisterOffice } from '../domain/register/segnatura.js';

const ipaCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,16}$/, 'letters, digits, «_ . -», at most 16');

/** The register's settings (issue 26): the office as its protocol system knows it, and retention. */
export const registerConfigFields = {
  PROTOCOL_IPA_CODE: ipaCode
    .optional()
    .describe(
      "the office's code in the IPA index, written in each segnatura.xml (AgID 2021, allegato 6); without it, with the two below, no segnatura is written",
    ),
  PROTOCOL_AOO_CODE: ipaCode.optional().describe('the code of its AOO (area organizzativa omogenea) in IPA'),
  PROTOCOL_REGISTER_CODE: ipaCode
    .optional()
    .describe("the code of the register Sportello's numbers belong to in the office's protocol system"),
  PROTOCOL_OFFICE_TAX_CODE: z
    .string()
    .trim()
    .regex(/^\d{11}$/, '11 digits')
    .optional()
    .describe("the office's codice fiscale, the segnatura's CFPA of the recipient"),
  PROTOCOL_CLASSIFICATION: z
    .string()
    .trim()
    .regex(/^\S+\s+\S/, 'a code, a space, its name')
    .default('VII.1 Servizi sociali e assistenziali')
    .describe(
      "the title of the office's classification scheme the requests are filed under: its code, a space, its name",
    ),
  RETENTION_RAW_DAYS: z.coerce
    .number()
    .int()
    .min(30)
    .default(365)
    .describe(
      'days the working copies (a message as received, the contracts as rendered) are kept after the request is closed; then only their impronta and the fields read stay',
    ),
  RETENTION_YEARS: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe(
      "years after a beneficiary's last project ended when their file is offered to staff for discard (anonymisation, approved in the console)",
    ),
  RETENTION_READ_LOG_MONTHS: z.coerce
    .number()
    .int()
    .min(24)
    .default(24)
    .describe('months the read log is kept (at least 24; the database refuses to delete younger entries)'),
};

/** The office's identity for the segnatura, or null while its IPA codes are not set. */
export function registerOffice(
  values: {
    PROTOCOL_IPA_CODE?: string | undefined;
    PROTOCOL_AOO_CODE?: string | undefined;
    PROTOCOL_REGISTER_CODE?: string | undefined;
    PROTOCOL_OFFICE_TAX_CODE?: string | undefined;
    PROTOCOL_CLASSIFICATION: string;
  },
  officeName: string,
): RegisterOffice | null {
  const { PROTOCOL_IPA_CODE: ipa, PROTOCOL_AOO_CODE: aoo, PROTOCOL_REGISTER_CODE: register } = values;
  if (!ipa || !aoo || !register) return null;
  const [code, ...name] = values.PROTOCOL_CLASSIFICATION.split(/\s+/);
  return {
    name: officeName,
    taxCode: values.PROTOCOL_OFFICE_TAX_CODE ?? null,
    ipaCode: ipa,
    aooCode: aoo,
    registerCode: register,
    classification: { code: code!, name: name.join(' ') },
  };
}
