import type { CallerScope } from '../../services/access/caller.js';
import type {
  ConsoleRequestStore,
  RequestFilters,
  RequestRow,
} from '../../services/office/request-register.js';
import type { Database } from '../database/database.js';
import type { RequestSource, RequestSourceStore } from '../../services/office/request-files.js';
import type { Prisma } from '../generated/client.js';
import { toDateColumn } from './date-columns.js';
import { projectScope } from './project-scope.js';

const rowSelect = {
  protocol: true,
  receivedAt: true,
  kind: true,
  service: true,
  status: true,
  municipality: { select: { name: true } },
  beneficiary: { select: { surname: true, name: true, taxCode: true } },
  project: { select: { beneficiary: { select: { surname: true, name: true, taxCode: true } } } },
  contracts: { select: { id: true }, orderBy: { createdAt: 'desc' }, take: 1 },
} satisfies Prisma.RequestSelect;

type SelectedRow = Prisma.RequestGetPayload<{ select: typeof rowSelect }>;

/** The requests a scope may see: its Comune's (or co-paid), its projects', or all. */
/** Where a request's form was read, as the intake recorded it in its fields. */
function formSourceOf(fields: Prisma.JsonValue): string | null {
  const source = fields && typeof fields === 'object' && !Array.isArray(fields) ? fields['source'] : null;
  return typeof source === 'string' ? source : null;
}

function requestScope(scope: CallerScope): Prisma.RequestWhereInput {
  if (scope.municipalityId)
    return { OR: [{ municipalityId: scope.municipalityId }, { project: projectScope(scope) }] };
  if (scope.providerId) return { project: projectScope(scope) };
  return {};
}

function filtersOf(filters: RequestFilters): Prisma.RequestWhereInput[] {
  const where: Prisma.RequestWhereInput[] = [];
  if (filters.municipalityId) where.push({ municipalityId: filters.municipalityId });
  if (filters.service) where.push({ service: filters.service });
  if (filters.status) where.push({ status: filters.status as Prisma.RequestWhereInput['status'] });
  if (filters.from) where.push({ receivedOn: { gte: toDateColumn(filters.from) } });
  if (filters.to) where.push({ receivedOn: { lte: toDateColumn(filters.to) } });
  const text = filters.text?.trim();
  if (text) {
    const person = {
      OR: [
        { taxCode: { contains: text.toUpperCase() } },
        { surname: { contains: text, mode: 'insensitive' as const } },
      ],
    };
    where.push({
      OR: [{ protocol: { contains: text } }, { beneficiary: person }, { project: { beneficiary: person } }],
    });
  }
  return where;
}

function rowOf(row: SelectedRow): RequestRow {
  const person = row.beneficiary ?? row.project?.beneficiary ?? null;
  return {
    protocol: row.protocol,
    receivedAt: row.receivedAt,
    kind: row.kind,
    service: row.service,
    status: row.status,
    beneficiary: person ? `${person.surname} ${person.name}` : null,
    taxCode: person?.taxCode ?? null,
    municipality: row.municipality?.name ?? null,
    contractId: row.contracts[0]?.id ?? null,
  };
}

/** The console's queries on requests: scoped, filtered, paged (never unbounded). */
export class PrismaConsoleStore implements ConsoleRequestStore, RequestSourceStore {
  constructor(private readonly database: Database) {}

  async listRequests(scope: CallerScope, filters: RequestFilters, pageSize: number) {
    const where: Prisma.RequestWhereInput = { AND: [requestScope(scope), ...filtersOf(filters)] };
    const [total, rows] = await Promise.all([
      this.database.prisma.request.count({ where }),
      this.database.prisma.request.findMany({
        where,
        select: rowSelect,
        orderBy: [
          { receivedAt: filters.sort === 'oldest' ? 'asc' : 'desc' },
          { protocol: filters.sort === 'oldest' ? 'asc' : 'desc' },
        ],
        skip: (Math.max(1, filters.page) - 1) * pageSize,
        take: pageSize,
      }),
    ]);
    return { total, rows: rows.map(rowOf) };
  }

  async requestInScope(scope: CallerScope, protocol: string): Promise<RequestRow | null> {
    const row = await this.database.prisma.request.findFirst({
      where: { AND: [{ protocol }, requestScope(scope)] },
      select: rowSelect,
    });
    return row ? rowOf(row) : null;
  }

  /** The message a request came in, when the scope may see the request, with where each of its forms was. */
  async sourceOfRequest(scope: CallerScope, protocol: string): Promise<RequestSource | null> {
    const row = await this.database.prisma.request.findFirst({
      where: { AND: [{ protocol }, requestScope(scope)] },
      select: { id: true, fields: true, inboundMessageId: true, inboundMessage: { select: { raw: true } } },
    });
    if (!row?.inboundMessage || !row.inboundMessageId) return null;
    const others = await this.database.prisma.request.findMany({
      where: { inboundMessageId: row.inboundMessageId, id: { not: row.id } },
      select: { fields: true },
    });
    return {
      raw: new Uint8Array(row.inboundMessage.raw),
      formSource: formSourceOf(row.fields),
      otherFormSources: others.map((other) => formSourceOf(other.fields) ?? 'body'),
    };
  }

  async municipalities(scope: CallerScope) {
    const rows = await this.database.prisma.municipality.findMany({
      where: scope.municipalityId ? { istatCode: scope.municipalityId } : { inAmbito: true },
      select: { istatCode: true, name: true },
      orderBy: { name: 'asc' },
    });
    return rows.map((row) => ({ id: row.istatCode, name: row.name }));
  }
}
