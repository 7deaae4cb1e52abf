import type {
  BeneficiaryDataStore,
  BeneficiaryRecords,
  ExportFile,
} from '../../services/beneficiaries/beneficiary-export.js';
import type { Database } from '../database/database.js';
import { Prisma } from '../generated/client.js';

type Row = Readonly<Record<string, unknown>>;

// Every table that holds something about a person, and the columns that are files (exported as
// files, not inside the JSON). A test fails when a table that concerns a beneficiary is missing.
const tables = {
  beneficiary: [],
  project: [],
  request: [],
  project_change: [],
  contract: ['docx', 'pdf', 'returned_document'],
  contract_state_change: [],
  hour_entry: [],
  forecast_line: [],
  cumulative_contract: [],
  inbound_message: ['raw'],
  received_document: [],
  audit_log: [],
  read_log: [],
  outbox_message: [],
  reminder: [],
  discard_proposal: [],
} as const satisfies Record<string, readonly string[]>;
type Table = keyof typeof tables;

/** A person's data gathered table by table, by their codice fiscale. */
export class PrismaBeneficiaryData implements BeneficiaryDataStore {
  readonly exportedTables = Object.keys(tables);

  constructor(private readonly database: Database) {}

  async collect(taxCode: string): Promise<BeneficiaryRecords | null> {
    const prisma = this.database.prisma;
    const person = await prisma.beneficiary.findUnique({
      where: { taxCode },
      select: { id: true, surname: true, name: true },
    });
    if (!person) return null;
    const projects = (
      await prisma.project.findMany({ where: { beneficiaryId: person.id }, select: { id: true } })
    ).map(({ id }) => id);
    const requests = await prisma.request.findMany({
      where: { OR: [{ beneficiaryId: person.id }, { projectId: { in: projects } }] },
      select: { id: true, protocol: true, inboundMessageId: true },
    });
    const requestIds = requests.map(({ id }) => id);
    const contracts = await prisma.contract.findMany({
      where: { OR: [{ requestId: { in: requestIds } }, { projectId: { in: projects } }] },
      select: { id: true, request: { select: { protocol: true } } },
    });
    const contractIds = contracts.map(({ id }) => id);
    const own = await this.messagesOfThePersonOnly(requests);
    const data = await this.tablesOf(taxCode, person.id, {
      projects,
      requests,
      contractIds,
      messageIds: [...own.keys()],
    });
    const shared = requests.filter(
      (request) => request.inboundMessageId && !own.has(request.inboundMessageId),
    );
    return {
      beneficiary: person,
      tables: data,
      files: [...(await this.messageFiles(own)), ...(await this.contractFiles(contracts))],
      withheld: shared.map(
        ({ protocol }) =>
          `Il messaggio della pratica ${protocol} contiene anche moduli di altre persone: non è incluso; l'ufficio può fornirne la parte che la riguarda.`,
      ),
    };
  }

  /** Each table's rows that concern the person, found from their ids. */
  private async tablesOf(
    taxCode: string,
    personId: string,
    ids: {
      projects: string[];
      requests: readonly { id: string; protocol: string }[];
      contractIds: string[];
      messageIds: string[];
    },
  ): Promise<Record<Table, readonly Row[]>> {
    const { projects, requests, contractIds, messageIds } = ids;
    const requestIds = requests.map(({ id }) => id);
    const person = { id: personId };
    const rows = (table: Table, where: Prisma.Sql) => this.rows(table, where);
    const [changes, texts] = [
      await rows(
        'project_change',
        Prisma.sql`project_id = ANY(${projects}::uuid[]) OR request_id = ANY(${requestIds}::uuid[])`,
      ),
      [...requests.map(({ protocol }) => protocol), taxCode, ...contractIds],
    ];
    const entityIds = [
      person.id,
      ...projects,
      ...requestIds,
      ...contractIds,
      ...messageIds,
      ...changes.map((c) => String(c['id'])),
    ];
    const mentions = texts.map((text) => `%${text}%`);
    return {
      beneficiary: await rows('beneficiary', Prisma.sql`id = ${person.id}::uuid`),
      project: await rows('project', Prisma.sql`id = ANY(${projects}::uuid[])`),
      request: await rows('request', Prisma.sql`id = ANY(${requestIds}::uuid[])`),
      project_change: changes,
      contract: await rows('contract', Prisma.sql`id = ANY(${contractIds}::uuid[])`),
      contract_state_change: await rows(
        'contract_state_change',
        Prisma.sql`contract_id = ANY(${contractIds}::uuid[])`,
      ),
      hour_entry: await rows('hour_entry', Prisma.sql`project_id = ANY(${projects}::uuid[])`),
      forecast_line: await rows(
        'forecast_line',
        Prisma.sql`tax_code = ${taxCode} OR continued_project_id = ANY(${projects}::uuid[]) OR opened_project_id = ANY(${projects}::uuid[])`,
      ),
      // A cumulative contract covers several people: only this person's projects are named.
      cumulative_contract: (
        await rows('cumulative_contract', Prisma.sql`project_ids && ${projects}::uuid[]`)
      ).map((row) => ({
        ...row,
        project_ids: (row['project_ids'] as string[]).filter((id) => projects.includes(id)),
      })),
      inbound_message: await rows('inbound_message', Prisma.sql`id = ANY(${messageIds}::uuid[])`),
      received_document: await rows(
        'received_document',
        Prisma.sql`inbound_message_id = ANY(${messageIds}::uuid[])`,
      ),
      audit_log: await rows('audit_log', Prisma.sql`entity_id = ANY(${entityIds}::text[])`),
      read_log: await rows('read_log', Prisma.sql`beneficiary_id = ${person.id}::uuid`),
      outbox_message: await rows('outbox_message', Prisma.sql`payload::text LIKE ANY(${mentions}::text[])`),
      reminder: await rows('reminder', Prisma.sql`payload::text LIKE ANY(${mentions}::text[])`),
      discard_proposal: await rows('discard_proposal', Prisma.sql`beneficiary_id = ${person.id}::uuid`),
    };
  }

  async recordExport(actor: string, beneficiaryId: string): Promise<void> {
    await this.database.prisma.auditLog.create({
      data: { actor, action: 'beneficiary_exported', entityType: 'beneficiary', entityId: beneficiaryId },
    });
  }

  /** The table's rows matching `where`, as JSON, without the columns that are files. */
  private async rows(table: Table, where: Prisma.Sql): Promise<Row[]> {
    const omitted: string[] = [...tables[table]];
    const found = await this.database.prisma.$queryRaw<{ row: Row }[]>`
      SELECT to_jsonb(t) - ${omitted}::text[] AS row FROM ${Prisma.raw(`"${table}"`)} t WHERE ${where}`;
    return found.map(({ row }) => row);
  }

  /** The messages that brought this person's requests and nobody else's, by id, with a request's number. */
  private async messagesOfThePersonOnly(
    requests: readonly { id: string; protocol: string; inboundMessageId: string | null }[],
  ): Promise<Map<string, string>> {
    const ids = [...new Set(requests.flatMap(({ inboundMessageId }) => inboundMessageId ?? []))];
    if (ids.length === 0) return new Map();
    const mine = new Set(requests.map(({ id }) => id));
    const all = await this.database.prisma.request.findMany({
      where: { inboundMessageId: { in: ids } },
      select: { id: true, inboundMessageId: true },
    });
    const own = new Map<string, string>();
    for (const id of ids)
      if (all.filter((row) => row.inboundMessageId === id).every((row) => mine.has(row.id)))
        own.set(id, requests.find((request) => request.inboundMessageId === id)!.protocol);
    return own;
  }

  private async messageFiles(own: ReadonlyMap<string, string>): Promise<ExportFile[]> {
    const messages = await this.database.prisma.inboundMessage.findMany({
      where: { id: { in: [...own.keys()] } },
      select: { id: true, raw: true },
    });
    return messages.map((message) => ({
      path: `messaggi/${own.get(message.id)!.replace('/', '-')}.eml`,
      content: new Uint8Array(message.raw),
    }));
  }

  private async contractFiles(
    contracts: readonly { id: string; request: { protocol: string } }[],
  ): Promise<ExportFile[]> {
    const rows = await this.database.prisma.contract.findMany({
      where: { id: { in: contracts.map(({ id }) => id) } },
      select: {
        id: true,
        docx: true,
        pdf: true,
        returnedDocument: true,
        returnedFileName: true,
        request: { select: { protocol: true } },
      },
    });
    return rows.flatMap((row) => {
      const base = `contratti/${row.request.protocol.replace('/', '-')}`;
      return [
        ...(row.docx ? [{ path: `${base}-contratto.docx`, content: new Uint8Array(row.docx) }] : []),
        ...(row.pdf ? [{ path: `${base}-contratto.pdf`, content: new Uint8Array(row.pdf) }] : []),
        ...(row.returnedDocument
          ? [
              {
                path: `${base}-restituito-${(row.returnedFileName ?? 'documento').replace(/[^\w.-]/g, '_')}`,
                content: new Uint8Array(row.returnedDocument),
              },
            ]
          : []),
      ];
    });
  }
}
