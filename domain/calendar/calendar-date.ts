import { z } from 'zod';
import { AppError } from '../app-error.js';

/**
 * A calendar day in Europe/Rome, written `YYYY-MM-DD`. Deadlines, tariffs and validity periods are
 * calendar dates, never instants: 2026-10-08T22:30Z is already 9 October in Rome.
 */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Zod schema accepting a valid ISO calendar date. */
export const calendarDateSchema = z
  .string()
  .refine((value) => tryCalendarDate(value) !== null, { message: 'invalid calendar date' })
  .transform((value) => value as CalendarDate);

/** Returns the date when `value` is a real `YYYY-MM-DD` day, otherwise null. */
export function tryCalendarDate(value: string): CalendarDate | null {
  const match = isoDatePattern.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return value as CalendarDate;
}

/** Parses a `YYYY-MM-DD` string, throwing an AppError when it is not a real day. */
export function calendarDate(value: string): CalendarDate {
  const date = tryCalendarDate(value);
  if (!date) throw new AppError('invalid_calendar_date', `Not a calendar date: ${value}`);
  return date;
}

/** Builds a date from its parts (month 1–12), or null when the day does not exist. */
export function dateFromParts(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  return tryCalendarDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: CalendarDate): number {
  return Number(date.slice(5, 7));
}

export function dayOf(date: CalendarDate): number {
  return Number(date.slice(8, 10));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function firstDayOfMonth(year: number, month: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-01` as CalendarDate;
}

export function lastDayOfMonth(year: number, month: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(daysInMonth(year, month), 2)}` as CalendarDate;
}

/** The month after (year, month), as [year, month]. */
export function nextMonth(year: number, month: number): [number, number] {
  return month === 12 ? [year + 1, 1] : [year, month + 1];
}

/** The month before (year, month), as [year, month]. */
export function previousMonth(year: number, month: number): [number, number] {
  return month === 1 ? [year - 1, 12] : [year, month - 1];
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const weekday = toUtcMidnight(date).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Adds (or with a negative count subtracts) calendar days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const utc = toUtcMidnight(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtcMidnight(utc);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / 86_400_000);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

/** True when `date` lies in [from, to]; an absent `to` means open-ended. */
export function isWithin(
  date: CalendarDate,
  from: CalendarDate,
  to: CalendarDate | null | undefined,
): boolean {
  return date >= from && (to == null || date <= to);
}

const romeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Rome calendar date of an instant. */
export function romeDateOf(instant: Date): CalendarDate {
  const parts = romeParts.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}` as CalendarDate;
}

/** Full age in years on `onDate` of someone born on `birthDate`. */
export function ageOn(birthDate: CalendarDate, onDate: CalendarDate): number {
  let age = yearOf(onDate) - yearOf(birthDate);
  if (onDate.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

function toUtcMidnight(date: CalendarDate): Date {
  return new Date(Date.UTC(yearOf(date), monthOf(date) - 1, dayOf(date)));
}

function fromUtcMidnight(utc: Date): CalendarDate {
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}` as CalendarDate;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
