import type { CalendarStore, DutyDelivery } from '../../services/calendar/calendar-tick.js';
import type { ReminderResult } from '../../services/contracts/contract-overdue.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { ServiceCode } from '../../domain/catalogue/service-codes.js';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import { toDateColumn } from './date-columns.js';
import { writeOutbox } from './outbox-rows.js';
import { sqlIn } from '../database/sql.js';

const openStatuses = ['active', 'pending'] as ('active' | 'pending')[];

/** The calendar's reads (who is concerned) and its ledger of what was sent, in the `reminder` table. */
export class PrismaCalendarStore implements CalendarStore {
  constructor(private readonly database: Database) {}

  private runningIn(
    from: CalendarDate,
    to: CalendarDate,
    services?: readonly ServiceCode[],
  ): Prisma.ProjectWhereInput {
    return {
      ...(services ? { service: { in: [...services] } } : {}),
      status: { in: openStatuses },
      startDate: { lte: toDateColumn(to) },
      OR: [{ endDate: null }, { endDate: { gte: toDateColumn(from) } }],
    };
  }

  async providersActiveIn(from: CalendarDate, to: CalendarDate, services: readonly ServiceCode[]) {
    const running = this.runningIn(from, to, services);
    const rows = await this.database.prisma.provider.findMany({
      where: { projects: { some: running } },
      select: {
        id: true,
        name: true,
        email: true,
        projects: {
          where: running,
          select: { service: true, beneficiary: { select: { surname: true, name: true } } },
          orderBy: [{ beneficiary: { surname: 'asc' } }],
        },
        teamsUsers: {
          select: { conversations: { where: { scope: 'personal' }, select: { id: true }, take: 1 } },
        },
      },
      orderBy: { name: 'asc' },
    });
    return rows.map((row) => ({
      kind: 'provider' as const,
      id: row.id,
      name: row.name,
      email: row.email,
      inTeams: row.teamsUsers.some((user) => user.conversations.length > 0),
      projects: row.projects.map((project) => ({
        beneficiary: `${project.beneficiary.surname} ${project.beneficiary.name}`,
        service: project.service,
      })),
    }));
  }

  async providersWithoutHours(year: number, month: number): Promise<Set<string>> {
    const from = `${year}-${String(month).padStart(2, '0')}-01` as CalendarDate;
    const to = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) as CalendarDate;
    const running = this.runningIn(from, to);
    const rows = await this.database.prisma.provider.findMany({
      where: {
        projects: { some: running },
        NOT: { projects: { some: { hourEntries: { some: { year, month } } } } },
      },
      select: { id: true },
    });
    return new Set(rows.map((row) => row.id));
  }

  async municipalitiesActiveIn(from: CalendarDate, to: CalendarDate, services?: readonly ServiceCode[]) {
    const rows = await this.database.prisma.municipality.findMany({
      where: { inAmbito: true, projects: { some: this.runningIn(from, to, services) } },
      select: municipalityRecipientSelect,
      orderBy: { name: 'asc' },
    });
    return rows.map(toMunicipalityRecipient);
  }

  async recorded(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.database.prisma.reminder.findMany({
      where: { idempotencyKey: { in: [...keys] } },
      select: { idempotencyKey: true },
    });
    return new Set(rows.map((row) => row.idempotencyKey));
  }

  async recordDuty(
    run: { idempotencyKey: string; kind: string; dueAt: Date; state: 'sent' | 'skipped'; outcome: string },
    deliveries: readonly DutyDelivery[],
  ): Promise<number> {
    return this.database.prisma.$transaction(
      async (tx) => {
        const now = new Date();
        const fresh = deliveries.length
          ? await tx.reminder.createManyAndReturn({
              data: deliveries.map((delivery) => ({
                idempotencyKey: delivery.idempotencyKey,
                kind: run.kind,
                dueAt: run.dueAt,
                state: delivery.outbox ? ('sent' as const) : ('skipped' as const),
                outcome: delivery.outbox ? `inviato (${delivery.outbox.channel})` : 'nessun recapito',
                payload: { recipient: delivery.recipient },
                doneAt: now,
              })),
              skipDuplicates: true,
              select: { idempotencyKey: true },
            })
          : [];
        const freshKeys = new Set(fresh.map((row) => row.idempotencyKey));
        await writeOutbox(
          sqlIn(tx),
          deliveries.flatMap((delivery) =>
            delivery.outbox && freshKeys.has(delivery.idempotencyKey) ? [delivery.outbox] : [],
          ),
        );
        await tx.reminder.createMany({
          data: [
            {
              idempotencyKey: run.idempotencyKey,
              kind: run.kind,
              dueAt: run.dueAt,
              state: run.state,
              outcome: run.outcome,
              payload: { deliveries: deliveries.length },
              doneAt: now,
            },
          ],
          skipDuplicates: true,
        });
        return freshKeys.size;
      },
      { timeout: 60_000 },
    );
  }

  async dueReminders(now: Date, limit: number) {
    const rows = await this.database.prisma.reminder.findMany({
      where: { state: 'scheduled', dueAt: { lte: now } },
      orderBy: { dueAt: 'asc' },
      take: limit,
      select: { id: true, kind: true, payload: true },
    });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      payload: row.payload as Record<string, unknown>,
    }));
  }

  async settleReminder(id: string, result: ReminderResult, at: Date): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const settled = await tx.reminder.updateMany({
        where: { id, state: 'scheduled' },
        data: { state: result.state, outcome: result.outcome, doneAt: at },
      });
      if (settled.count === 0) return false;
      await writeOutbox(sqlIn(tx), result.outbox);
      return true;
    });
  }
}

/**
 * What a Comune is reached by: its registered office in the registry of counterparts (never an
 * address learnt from a message it sent); Teams if its social workers are there.
 */
export const municipalityRecipientSelect = {
  istatCode: true,
  name: true,
  counterparts: {
    where: { receivesNotices: true },
    select: { address: true },
    orderBy: { createdAt: 'asc' },
    take: 1,
  },
  teamsUsers: {
    where: { role: 'social_worker' },
    select: { conversations: { where: { scope: 'personal' }, select: { id: true }, take: 1 } },
  },
} as const satisfies Prisma.MunicipalitySelect;

export function toMunicipalityRecipient(
  row: Prisma.MunicipalityGetPayload<{ select: typeof municipalityRecipientSelect }>,
) {
  return {
    kind: 'municipality' as const,
    id: row.istatCode,
    name: row.name,
    email: row.counterparts[0]?.address ?? null,
    inTeams: row.teamsUsers.some((user) => user.conversations.length > 0),
  };
}
