import { firstDayOfMonth, lastDayOfMonth, type CalendarDate } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import {
  isDayCentreService,
  isHourlyService,
  isServiceCode,
  type OperatorProfile,
} from '../catalogue/service-codes.js';
import { parametersInForce } from '../catalogue/tariff-lookup.js';
import type { Cents } from '../money.js';
import { municipalitySharePercent } from './municipality-share.js';
import { openEndedPeriodEnd } from './plan-period.js';
import { budgetInForce, type BudgetChange } from '../projects/project-change.js';
import { budgetLedger, type BudgetLedger } from './budget-ledger.js';
import { attendanceCost } from './day-centre-cost.js';
import { attendanceOf, spentOnValidatedHours, type ImportedMonth } from './monthly-hours-cost.js';

/** What the ledger needs to know about a project. */
export interface LedgerProject {
  readonly service: string;
  readonly operatorProfile: string | null;
  readonly upperSecondary: boolean;
  readonly coPaid: boolean;
  /** SIP of a placed minor: half is borne by the district funds. */
  readonly placedMinor: boolean;
  /** The latest annual budget the register holds. */
  readonly committedCents: Cents;
  /** Variations of the budget in force (not cancelled), which say what applied before each. */
  readonly budgetChanges: readonly BudgetChange[];
  /** SAAP variations of the operator's profile (not cancelled), oldest first. */
  readonly profileChanges?: readonly ProfileChange[];
  readonly startDate: CalendarDate;
  readonly endDate: CalendarDate | null;
  readonly vatRateBasisPoints: number | null;
}

/** A project's budget ledger with the last month its spending covers. */
export interface ProjectLedger extends BudgetLedger {
  readonly spentThrough: CalendarDate | null;
  readonly periodEnd: CalendarDate;
  readonly thresholdPercent: number;
  /** When a variation brought the budget in force, if one did. */
  readonly budgetChangedOn: CalendarDate | null;
  /** Day centres: the district fund's share (FUD) of the same attendance, beside the Comune's; 0 otherwise. */
  readonly districtFundCents: Cents;
}

// Spent = validated hours × tariff + IVA (× the Comune's share); threshold 80% (disciplinare, SAD FASE 9).
// Day centres: attendance × the Comune's share of the daily tariffs (seed l. 3466-3514).
// Committed = the annual budget in force on `on` (today, for whoever asks); a variation (seed
// l. 492-504) replaces it from its decorrenza.
export function projectLedger(
  project: LedgerProject,
  months: readonly ImportedMonth[],
  catalogue: Catalogue = defaultCatalogue,
  on: CalendarDate | null = null,
): ProjectLedger {
  const service = isServiceCode(project.service) ? project.service : null;
  let spentCents = 0;
  let districtFundCents = 0;
  const sharePercent = service
    ? municipalitySharePercent(
        { service, coPaid: project.coPaid, placedMinor: project.placedMinor },
        project.startDate,
        catalogue,
      )
    : 100;
  if (service && isDayCentreService(service)) {
    // Seed l. 3466-3514: the FUD pays its share of each day beside the Comune's quota.
    const cost = attendanceCost(service, months.map(attendanceOf), sharePercent, catalogue);
    spentCents = cost.municipalityCents;
    districtFundCents = cost.districtFundCents;
  }
  if (service && isHourlyService(service)) {
    // Each month at the profile in force on its first day, as its tariff (seed l. 3430-3433).
    const byProfile = new Map<OperatorProfile | null, ImportedMonth[]>();
    for (const month of months) {
      const profile = profileOn(project, firstDayOfMonth(month.year, month.month));
      byProfile.set(profile, [...(byProfile.get(profile) ?? []), month]);
    }
    for (const [operatorProfile, profileMonths] of byProfile)
      spentCents += spentOnValidatedHours(
        {
          service,
          operatorProfile,
          upperSecondary: project.upperSecondary,
          municipalitySharePercent: sharePercent,
          vatRateBasisPoints: project.vatRateBasisPoints,
        },
        profileMonths,
        catalogue,
      );
  }
  const latest = months.reduce<ImportedMonth | null>(
    (last, month) => (!last || month.year * 12 + month.month > last.year * 12 + last.month ? month : last),
    null,
  );
  const spentThrough = latest ? lastDayOfMonth(latest.year, latest.month) : null;
  const periodEnd = project.endDate ?? openEndedPeriodEnd(service, project.startDate, catalogue);
  const thresholdPercent = parametersInForce(
    project.startDate,
    catalogue.parameters,
  ).budgetAlertThresholdPercent;
  const budget = on
    ? budgetInForce(project.committedCents, project.budgetChanges, on)
    : {
        committedBudgetCents: project.committedCents,
        changedOn: project.budgetChanges.at(-1)?.effectiveOn ?? null,
      };
  const ledger = budgetLedger({
    committedCents: budget.committedBudgetCents,
    spentCents,
    thresholdPercent,
    periodStart: project.startDate,
    periodEnd,
    spentThrough,
  });
  return {
    ...ledger,
    spentThrough,
    periodEnd,
    thresholdPercent,
    budgetChangedOn: budget.changedOn,
    districtFundCents,
  };
}

/** A variation of a SAAP operator's profile, from its decorrenza. */
export interface ProfileChange {
  readonly effectiveOn: CalendarDate;
  readonly operatorProfile: OperatorProfile | null;
  readonly previousOperatorProfile: OperatorProfile | null;
}

/** The profile in force on `on`: the register holds the latest; one still ahead has not replaced the one before. */
function profileOn(project: LedgerProject, on: CalendarDate): OperatorProfile | null {
  const ahead = (project.profileChanges ?? []).find((change) => change.effectiveOn > on);
  return ahead ? ahead.previousOperatorProfile : (project.operatorProfile as OperatorProfile | null);
}
