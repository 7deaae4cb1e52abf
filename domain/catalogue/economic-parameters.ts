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
  /** District-fund abatement of placements and of SIP for placed minors, in percent. */
  readonly districtAbatementPercent: number;
  /** Refusals of a contract in a calendar year above which the provider is removed from the Albo. */
  readonly maxContractRefusalsPerYear: number;
}

export const economicParameters: readonly EconomicParameters[] = [
  {
    validFrom: '2023-01-01' as CalendarDate,
    validTo: null,
    defaultVatRateBasisPoints: 500, // DOMAIN.md "Common rules": IVA for social cooperatives usually 5%
    variationNoticeDays: 15, // disciplinare, SAD "Specifiche": preavviso di almeno 15 giorni
    budgetAlertThresholdPercent: 80, // disciplinare, SAD FASE 9: soglia dell'80% dei fondi impegnati
    saapUpperSecondaryCoordinationHours: 3, // disciplinare, schede economiche SAAP: 3h di coordinamento
    districtAbatementPercent: 50, // disciplinare l. 3300-3304, 3588: 50% dai fondi distrettuali (anche SIP di minori collocati)
    maxContractRefusalsPerYear: 5, // disciplinare, SAD FASE 4: rifiuto per più di cinque volte
  },
];
