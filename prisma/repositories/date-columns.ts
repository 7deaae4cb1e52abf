import type { CalendarDate } from '../../domain/calendar/calendar-date.js';

/** A `@db.Date` column as a calendar date (Prisma hands it back as UTC midnight). */
export function toCalendarDate(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10) as CalendarDate;
}

/** A calendar date for a `@db.Date` column. */
export function toDateColumn(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
