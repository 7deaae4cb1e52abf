import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { expiredBackups, nightlyBackupFile } from '../../app/nightly-backup.js';

describe('the nightly backups kept', () => {
  const names = [
    'sportello-2027-03-01.dump',
    'sportello-2027-03-12.dump',
    'sportello-2027-03-13.tar.gz',
    'sportello-2027-03-14.dump',
    'sportello-2027-02-30.dump',
    'appunti.txt',
    'sportello-2027-03-01.dump.part',
  ];

  it('are the last keepDays days, today included; other files are never chosen', () => {
    expect(expiredBackups(names, calendarDate('2027-03-14'), 3)).toEqual(['sportello-2027-03-01.dump']);
    expect(expiredBackups(names, calendarDate('2027-03-14'), 2)).toEqual([
      'sportello-2027-03-01.dump',
      'sportello-2027-03-12.dump',
    ]);
    expect(expiredBackups(names, calendarDate('2027-03-14'), 1)).toEqual([
      'sportello-2027-03-01.dump',
      'sportello-2027-03-12.dump',
      'sportello-2027-03-13.tar.gz',
    ]);
  });

  it('are named for the Europe/Rome date (just after midnight in Rome is already the next day)', () => {
    expect(nightlyBackupFile('/b', new Date('2027-03-13T23:30:00Z'), false)).toBe(
      '/b/sportello-2027-03-14.dump',
    );
    expect(nightlyBackupFile('/b', new Date('2027-03-13T22:30:00Z'), true)).toBe(
      '/b/sportello-2027-03-13.tar.gz',
    );
  });
});
