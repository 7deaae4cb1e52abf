import { AppError } from './app-error.js';

/** An amount of euro in integer cents. Money never travels as a float. */
export type Cents = number;

const euroFormat = new Intl.NumberFormat('it-IT', {
  style: 'currency',
  currency: 'EUR',
  useGrouping: 'always',
} as Intl.NumberFormatOptions);

/** `1.234,50 €` (with a non-breaking space, as Italian locale formatting prints it). */
export function formatEuro(cents: Cents): string {
  return euroFormat.format(cents / 100);
}

/** Cents from a euro amount given as a number (triage input, JSON); rejects NaN and infinities. */
export function eurosToCents(euros: number): Cents {
  if (!Number.isFinite(euros)) throw new AppError('invalid_amount', `Not a finite amount: ${euros}`);
  return Math.round(euros * 100);
}

/** A euro number from cents, for JSON contracts that speak euros. */
export function centsToEuros(cents: Cents): number {
  return cents / 100;
}

/** Integer division rounding half away from zero, the usual rounding of Italian invoices. */
export function divideRounded(numerator: number, denominator: number): number {
  const quotient = Math.abs(numerator) / Math.abs(denominator);
  const rounded = Math.floor(quotient + 0.5 + 1e-9);
  return Math.sign(numerator) * Math.sign(denominator) * rounded;
}

/** `percent`% of `cents`, rounded to the cent. */
export function percentOf(cents: Cents, percent: number): Cents {
  return divideRounded(cents * percent, 100);
}

/** IVA on a net amount at `rateBasisPoints` (500 = 5%), rounded to the cent. */
export function vatOn(netCents: Cents, rateBasisPoints: number): Cents {
  return divideRounded(netCents * rateBasisPoints, 10_000);
}

/** Net amount plus its IVA. */
export function withVat(netCents: Cents, rateBasisPoints: number): Cents {
  return netCents + vatOn(netCents, rateBasisPoints);
}

/** Cost of `minutes` of work at an hourly tariff, rounded to the cent. */
export function costOfMinutes(minutes: number, hourlyCents: Cents): Cents {
  return divideRounded(minutes * hourlyCents, 60);
}

/** `12,5` / `200` hours in Italian style. */
export function formatHours(hours: number): string {
  return new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 }).format(hours);
}

/** `80%`, `12,5%` from basis points of a share. */
export function formatPercentFromBasisPoints(basisPoints: number): string {
  return `${new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }).format(basisPoints / 100)}%`;
}
