import type { ProviderReminderStore } from '../../app/reminders/provider-hours-reminder.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import { toDateColumn } from './date-columns.js';

/** What reminders read and where they queue their messages. */
export class PrismaReminderStore implements ProviderReminderStore {
  constructor(private readonly database: Database) {}

  async projectsRunningIn(providerId: string, from: CalendarDate, to: CalendarDate) {
    const rows = await this.database.prisma.project.findMany({
      where: {
        providerId,
        status: { in: ['active', 'pending'] },
        startDate: { lte: toDateColumn(to) },
        OR: [{ endDate: null }, { endDate: { gte: toDateColumn(from) } }],
      },
      select: { service: true, beneficiary: { select: { surname: true, name: true } } },
      orderBy: [{ beneficiary: { surname: 'asc' } }],
    });
    return rows.map((row) => ({
      beneficiary: `${row.beneficiary.surname} ${row.beneficiary.name}`,
      service: row.service,
    }));
  }

  async enqueueTeams(
    idempotencyKey: string,
    recipient: string,
    payload: Record<string, unknown>,
  ): Promise<boolean> {
    const created = await this.database.prisma.outboxMessage.createMany({
      data: [{ idempotencyKey, channel: 'teams', recipient, payload: payload as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
    return created.count === 1;
  }
}
