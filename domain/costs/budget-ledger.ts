import { daysBetween, maxDate, minDate, type CalendarDate } from '../calendar/calendar-date.js';
import { divideRounded, type Cents } from '../money.js';

/** Where a project's budget stands. */
export interface BudgetLedger {
  readonly committedCents: Cents;
  readonly spentCents: Cents;
  /** Negative when the spending already exceeds the commitment. */
  readonly remainingCents: Cents;
  /** Spent ÷ committed in basis points (8000 = 80%). */
  readonly shareUsedBasisPoints: number;
  /** True once the share used reaches the alert threshold (80%). */
  readonly thresholdReached: boolean;
  /** Spending at the end of the period if it goes on at the pace so far; null before any spending period. */
  readonly projectedCents: Cents | null;
  /** True when the projection exceeds the commitment. */
  readonly projectedOverrun: boolean;
}

export interface BudgetLedgerInput {
  readonly committedCents: Cents;
  readonly spentCents: Cents;
  /** Alert threshold in percent (80 per the disciplinare). */
  readonly thresholdPercent: number;
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  /** Last day covered by the spending (e.g. the end of the last validated month). */
  readonly spentThrough: CalendarDate | null;
}

// Budget monitoring: committed vs spent and the 80% warning (disciplinare, SAD FASE 9 "Monitoraggio trimestrale").
export function budgetLedger(input: BudgetLedgerInput): BudgetLedger {
  const { committedCents, spentCents } = input;
  const shareUsedBasisPoints = committedCents > 0 ? divideRounded(spentCents * 10_000, committedCents) : 0;
  const projectedCents = projection(input);
  return {
    committedCents,
    spentCents,
    remainingCents: committedCents - spentCents,
    shareUsedBasisPoints,
    thresholdReached: committedCents > 0 && spentCents * 100 >= committedCents * input.thresholdPercent,
    projectedCents,
    projectedOverrun: projectedCents !== null && projectedCents > committedCents,
  };
}

function projection(input: BudgetLedgerInput): Cents | null {
  if (!input.spentThrough || input.spentThrough < input.periodStart) return null;
  const through = minDate(maxDate(input.spentThrough, input.periodStart), input.periodEnd);
  const elapsed = daysBetween(input.periodStart, through) + 1;
  const total = daysBetween(input.periodStart, input.periodEnd) + 1;
  if (elapsed <= 0 || total <= 0) return null;
  return divideRounded(input.spentCents * total, elapsed);
}
