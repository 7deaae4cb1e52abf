import { describe, expect, it } from 'vitest';
import { inspectTaxCode } from '../../domain/tax-code/inspect-tax-code.js';

describe('codice fiscale', () => {
  it.each([
    ['BNCMRA50D43D142D', '1950-04-03'],
    ['bncmra50d43d142d', '1950-04-03'],
    ['FRRLCU15H12G004O', '2015-06-12'],
    ['RZZCRL38T41I827A', '1938-12-01'],
    ['BNCMRA50D43D14NS', '1950-04-03'], // omocodia: last digit of the place replaced by N
    ['BNCMRA50D43D1QNE', '1950-04-03'], // omocodia on two digits
  ])('accepts %s born on %s', async (code, birthDate) => {
    expect(await inspectTaxCode(code)).toMatchObject({ valid: true, birthDate });
  });

  it.each([
    ['GRCSRA16B60D142A', 'check_character'],
    ['BNCMRA50D43D142', 'format'],
    ['BNCMRA50D43D142DX', 'format'],
    ['BNCMRA50Z43D142D', 'format'], // Z is not a month letter
    ['12345678901', 'format'], // a partita IVA is not a codice fiscale
    ['RSSMRA80A32H501U', 'check_character'],
    ['RSSMRA80A32H501C', 'birth_date'], // 32 January, with a correct check character
    ['BNCMRA50D72D142E', 'birth_date'], // female day 72 = 32 April
    ['BNCMRA50B30D142P', 'birth_date'], // 30 February
    ['RSSMRA80A01Z999Y', 'birth_place'], // no such country code
  ])('rejects %s (%s)', async (code, reason) => {
    expect(await inspectTaxCode(code)).toMatchObject({ valid: false, reason });
  });
});
