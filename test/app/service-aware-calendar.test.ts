import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { dutiesDueBetween } from '../../domain/schedule/calendar-duties.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { contractServices } from '../support/contract-services.js';
import { migratedDatabase, scratchPglite } from '../support/test-databases.js';

describe('the monthly cycle of day centres (seed l. 2143-2163, 2252-2274)', () => {
  it('asks the attendance sheet by day 10 and allows the invoice to the end of the month', () => {
    const may = dutiesDueBetween(calendarDate('2027-05-01'), calendarDate('2027-05-31'));
    const sheet = may.find((duty) => duty.kind === 'attendance_sheet')!;
    expect(sheet).toMatchObject({ period: '2027-04', dueOn: '2027-05-03', lastUsefulOn: '2027-05-10' });
    const invoicing = may.find((duty) => duty.kind === 'attendance_invoicing')!;
    expect(invoicing).toMatchObject({ period: '2027-04', dueOn: '2027-05-11', lastUsefulOn: '2027-05-31' });
  });
});

// The demo data has one day centre (a CSE run by Il Seme) beside the hourly services of the others.
describe('a service-aware calendar on the demo data', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let services: Awaited<ReturnType<typeof contractServices>>;

  beforeAll(async () => {
    db = await migratedDatabase(scratchPglite);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    services = await contractServices(db.database, () => new Date('2026-12-01T08:00:00Z'));
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const remindedProviders = async (prefix: string) => {
    const rows = await db.database.prisma.reminder.findMany({
      where: { idempotencyKey: { startsWith: prefix } },
      select: { idempotencyKey: true },
    });
    const ids = rows.map((row) => row.idempotencyKey.split(':provider:')[1]!);
    const providers = await db.database.prisma.provider.findMany({ where: { id: { in: ids } } });
    return providers.map((provider) => provider.name).sort();
  };

  it('reminds day centres of their attendance sheet and hourly providers of their hours, never the other', async () => {
    await services.tick.run(new Date('2026-12-01T08:00:00Z'));
    expect(await remindedProviders('duty:attendance_sheet:2026-11:provider:')).toEqual([
      'Coop. Il Seme (demo)',
    ]);
    const hours = await remindedProviders('duty:provider_hours_first:2026-11:provider:');
    expect(hours.length).toBeGreaterThan(0);
    expect(hours).not.toContain('Coop. Il Seme (demo)');
    await services.tick.run(new Date('2026-12-11T08:00:00Z'));
    expect(await remindedProviders('duty:attendance_invoicing:2026-11:provider:')).toEqual([
      'Coop. Il Seme (demo)',
    ]);
    await services.tick.run(new Date('2026-12-21T08:00:00Z'));
    expect(await remindedProviders('duty:invoicing_open:2026-11:provider:')).not.toContain(
      'Coop. Il Seme (demo)',
    );
  });
});

// Seed l. 2477-2485: the SAAP forecast is due by 30 July for the next school year.
describe('the SAAP forecast reminder on the demo data', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;

  beforeAll(async () => {
    db = await migratedDatabase(scratchPglite);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('reaches every Comune with SAAP pupils in the school year, even when their plan ended in June, and no other', async () => {
    const services = await contractServices(db.database, () => new Date('2027-06-30T08:00:00Z'));
    await services.tick.run(new Date('2027-06-30T08:00:00Z'));
    const rows = await db.database.prisma.reminder.findMany({
      where: { idempotencyKey: { startsWith: 'duty:forecast_request:2027-07-30:municipality:' } },
      select: { idempotencyKey: true },
    });
    // Giulia Conti's SAAP (Comune 019067) ran 14 September 2026 – 8 June 2027.
    expect(rows.map((row) => row.idempotencyKey.split(':municipality:')[1])).toEqual(['019067']);
  });
});
