import type { Database } from '../database/database.js';

/** One thing that happened to a request, for `npm run history`. */
export interface HistoryEvent {
  readonly at: Date;
  readonly actor: string;
  readonly what: string;
  readonly detail: string | null;
}

/** Everything recorded about a request, its message, its contract and what was sent for it. */
export class PrismaRequestHistory {
  constructor(private readonly database: Database) {}

  async history(protocol: string): Promise<{
    request: { kind: string; service: string | null; status: string; problems: number };
    events: HistoryEvent[];
  } | null> {
    const prisma = this.database.prisma;
    const request = await prisma.request.findUnique({
      where: { protocol },
      select: {
        id: true,
        kind: true,
        service: true,
        status: true,
        receivedAt: true,
        senderAddress: true,
        problems: true,
        inboundMessage: { select: { id: true, receivedAt: true, processedAt: true, state: true } },
        contracts: { select: { id: true } },
      },
    });
    if (!request) return null;
    const inboundId = request.inboundMessage?.id ?? null;
    const contractIds = request.contracts.map((contract) => contract.id);
    const entityIds = [request.id, ...contractIds, ...(inboundId ? [inboundId] : [])];
    const keyPrefixes = [
      ...(inboundId
        ? [`reply:${inboundId}`, `request-accepted:${inboundId}`, `reply_withheld:${inboundId}`]
        : []),
      ...contractIds.flatMap((id) => [`:${id}`]),
    ];
    const [audit, changes, outbox, reminders] = await Promise.all([
      prisma.auditLog.findMany({ where: { entityId: { in: entityIds } }, orderBy: { at: 'asc' } }),
      prisma.contractStateChange.findMany({
        where: { contractId: { in: contractIds } },
        orderBy: { at: 'asc' },
      }),
      prisma.outboxMessage.findMany({
        where: {
          OR: keyPrefixes.map((key) =>
            key.startsWith(':') ? { idempotencyKey: { endsWith: key } } : { idempotencyKey: key },
          ),
        },
        select: {
          idempotencyKey: true,
          channel: true,
          recipient: true,
          state: true,
          createdAt: true,
          sentAt: true,
          attempts: true,
          lastError: true,
        },
      }),
      prisma.reminder.findMany({
        where: { OR: contractIds.map((id) => ({ idempotencyKey: { endsWith: `:${id}` } })) },
      }),
    ]);
    const events: HistoryEvent[] = [];
    if (request.inboundMessage) {
      events.push({
        at: request.inboundMessage.receivedAt,
        actor: request.senderAddress ?? 'mittente sconosciuto',
        what: 'messaggio ricevuto nella casella dell’ufficio',
        detail: null,
      });
    }
    for (const entry of audit) {
      events.push({ at: entry.at, actor: entry.actor, what: entry.action, detail: describe(entry) });
    }
    for (const change of changes) {
      events.push({
        at: change.at,
        actor: change.actor,
        what: `contratto: ${change.fromState ?? '—'} → ${change.toState}`,
        detail: change.reason,
      });
    }
    for (const message of outbox) {
      events.push({
        at: message.createdAt,
        actor: 'sportello',
        what: `messaggio in uscita (${message.channel}) ${message.idempotencyKey.split(':')[0]} a ${message.recipient}`,
        detail:
          message.state === 'sent'
            ? `inviato${message.sentAt ? ` alle ${time(message.sentAt)}` : ''}`
            : `${message.state}, tentativi ${message.attempts}${message.lastError ? `: ${message.lastError}` : ''}`,
      });
    }
    for (const reminder of reminders) {
      events.push({
        at: reminder.doneAt ?? reminder.dueAt,
        actor: 'scheduler',
        what: `promemoria ${reminder.kind} (previsto ${time(reminder.dueAt)})`,
        detail: `${reminder.state}${reminder.outcome ? `: ${reminder.outcome}` : ''}`,
      });
    }
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    return {
      request: {
        kind: request.kind,
        service: request.service,
        status: request.status,
        problems: Array.isArray(request.problems) ? request.problems.length : 0,
      },
      events,
    };
  }
}

const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function time(at: Date): string {
  return timeFormat.format(at);
}

function describe(entry: {
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  details: unknown;
}): string | null {
  const parts = [
    entry.fromState || entry.toState ? `${entry.fromState ?? '—'} → ${entry.toState ?? '—'}` : null,
    entry.reason,
    entry.details ? JSON.stringify(entry.details) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : null;
}

export const formatHistoryTime = time;
