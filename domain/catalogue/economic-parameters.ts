import type { CalendarDate } from '../calendar/calendar-date.js';

/** Numbers of the disciplinare that are not tariffs but still change between editions. */
export interface EconomicParameters {
  readonly validFrom: CalendarDate;
  readonly validTo: CalendarDate | null;
  /** IVA for social cooperatives, in basis points (500 = 5%); a provider may have its own rate. */
  readonly defaultVatRateBasisPoints: number;
  /** Days of notice a variation needs before it takes effect. */
  readonly variationNoticeDays: number;
  /** Share of the committed budget at which the Comune is warned, in percent. */
  readonly budgetAlertThresholdPercent: number;
  /** Extra hours recognised for coordination of SAAP in upper secondary school. */
  readonly saapUpperSecondaryCoordinationHours: number;
  /** ISD project length, in weeks. */
  readonly isdMinWeeks: number;
  readonly isdMaxWeeks: number;
  /** Increment on foster-care contributions for disabled minors or children under two, in percent. */
  readonly fosterCareIncrementPercent: number;
  /** Months a judicial emergency foster placement is paid at the emergency rate. */
  readonly fosterCareEmergencyMonths: number;
  /** District-fund abatement of residential, day and foster placements, in percent. */
  readonly districtAbatementPercent: number;
  /** Monthly cap of the abatement on foster-care contributions, in cents. */
  readonly fosterCareAbatementCapCents: number;
  /** Refusals of a contract in a calendar year above which the provider is removed from the Albo. */
  readonly maxContractRefusalsPerYear: number;
  /** Maximum number of monthly FNA vouchers per beneficiary. */
  readonly maxFnaMonthlyVouchers: number;
}

export const economicParameters: readonly EconomicParameters[] = [
  {
    validFrom: '2023-01-01' as CalendarDate,
    validTo: null,
    defaultVatRateBasisPoints: 500, // DOMAIN.md "Common rules": IVA for social cooperatives usually 5%
    variationNoticeDays: 15, // disciplinare, SAD "Specifiche": preavviso di almeno 15 giorni
    budgetAlertThresholdPercent: 80, // disciplinare, SAD FASE 9: soglia dell'80% dei fondi impegnati
    saapUpperSecondaryCoordinationHours: 3, // disciplinare, schede economiche SAAP: 3h di coordinamento
    isdMinWeeks: 3, // disciplinare, schede economiche ISD: da tre a 6 settimane
    isdMaxWeeks: 6,
    fosterCareIncrementPercent: 20, // disciplinare, contributi per l'affido: +20%
    fosterCareEmergencyMonths: 3, // disciplinare, contributi per l'affido: pronto intervento primi tre mesi
    districtAbatementPercent: 50, // disciplinare, schede Rette Tutela Minori: abbattimento del 50%
    fosterCareAbatementCapCents: 20000, // disciplinare, schede Rette Tutela Minori: tetto € 200,00 mensili
    maxContractRefusalsPerYear: 5, // disciplinare, SAD FASE 4: rifiuto per più di cinque volte
    maxFnaMonthlyVouchers: 12, // disciplinare, Voucher FNA: massimo 12 mensilità
  },
];
