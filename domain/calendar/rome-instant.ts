import type { CalendarDate } from './calendar-date.js';

const romeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Minutes Rome is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function romeOffsetMinutes(instant: Date): number {
  const parts = Object.fromEntries(romeParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of `hour:minute` Rome time on a calendar date (reminders go out in office hours). */
export function romeInstant(date: CalendarDate, hour: number, minute = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Two passes settle the offset even on the days the clocks change.
  const first = new Date(guess.getTime() - romeOffsetMinutes(guess) * 60_000);
  return new Date(guess.getTime() - romeOffsetMinutes(first) * 60_000);
}

/** 09:00 in Rome on that date: when the office's reminders are sent. */
export function romeMorning(date: CalendarDate): Date {
  return romeInstant(date, 9);
}

const romeClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Rome time of day of an instant, `HH:MM:SS`. */
export function romeTimeOf(instant: Date): string {
  return romeClock.format(instant);
}
