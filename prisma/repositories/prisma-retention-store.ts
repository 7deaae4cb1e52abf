import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { DiscardCandidate, RetentionStore } from '../../services/retention/retention.js';
import type { Database } from '../database/database.js';
import { Prisma } from '../generated/client.js';
import { toCalendarDate, toDateColumn } from './date-columns.js';

/** Retention in a few statements: working copies, proposals, the read log, and the discards. */
export class PrismaRetentionStore implements RetentionStore {
  constructor(private readonly database: Database) {}

  async discardWorkingCopies(closedBefore: CalendarDate) {
    const prisma = this.database.prisma;
    const cutoff = toDateColumn(closedBefore);
    // A request is closed on its project's last day, or (no project) on receipt once rejected or
    // closed; a message on the day its last request closed, or when staff archived or it was ignored.
    const messages = await prisma.$executeRaw`
      WITH closing AS (
        SELECT r.inbound_message_id AS id,
          bool_and(COALESCE(
            CASE WHEN p.id IS NOT NULL
              THEN COALESCE(p.end_date, CASE WHEN p.status IN ('ended', 'cancelled') THEN r.received_on END)
              ELSE CASE WHEN r.status IN ('rejected', 'closed') THEN r.received_on END
            END < ${cutoff}::date, false)) AS closed
        FROM request r LEFT JOIN project p ON p.id = r.project_id
        WHERE r.inbound_message_id IS NOT NULL
        GROUP BY r.inbound_message_id
      )
      UPDATE inbound_message m SET raw = ''::bytea, raw_discarded_at = now()
      WHERE m.raw_discarded_at IS NULL AND (
        (m.state = 'ignored' AND m.processed_at < ${cutoff}::date)
        OR m.archived_at < ${cutoff}::date
        OR EXISTS (SELECT 1 FROM closing c WHERE c.id = m.id AND c.closed))`;
    const contracts = await prisma.$executeRaw`
      UPDATE contract c SET ${documentsDiscarded}
      FROM project p
      WHERE p.id = c.project_id AND c.documents_discarded_at IS NULL AND p.end_date < ${cutoff}::date
        AND (c.docx IS NOT NULL OR c.pdf IS NOT NULL)`;
    return { messages, contracts };
  }

  async proposeDiscards(endedBefore: CalendarDate): Promise<number> {
    return this.database.prisma.$executeRaw`
      INSERT INTO discard_proposal (id, beneficiary_id, last_project_end)
      SELECT gen_random_uuid(), b.id, max(p.end_date)
      FROM beneficiary b JOIN project p ON p.beneficiary_id = b.id
      WHERE b.tax_code NOT LIKE 'SCARTATO-%'
      GROUP BY b.id
      HAVING bool_and(p.end_date IS NOT NULL) AND max(p.end_date) < ${toDateColumn(endedBefore)}::date
      ON CONFLICT (beneficiary_id) DO NOTHING`;
  }

  async purgeReadLog(months: number): Promise<number> {
    return this.database.prisma.$executeRaw`
      DELETE FROM read_log WHERE at < now() - make_interval(months => ${months}::int)`;
  }

  async proposals(): Promise<DiscardCandidate[]> {
    const rows = await this.database.prisma.discardProposal.findMany({
      where: { state: 'proposed' },
      orderBy: { lastProjectEnd: 'asc' },
      take: 500,
    });
    const people = await this.database.prisma.beneficiary.findMany({
      where: { id: { in: rows.map((row) => row.beneficiaryId) } },
      select: { id: true, surname: true, name: true, taxCode: true },
    });
    return rows.flatMap((row) => {
      const person = people.find(({ id }) => id === row.beneficiaryId);
      return person
        ? [
            {
              id: row.id,
              beneficiary: `${person.surname} ${person.name}`,
              taxCode: person.taxCode,
              lastProjectEnd: toCalendarDate(row.lastProjectEnd),
              proposedAt: row.proposedAt,
            },
          ]
        : [];
    });
  }

  async discard(proposalId: string, actor: string) {
    return this.database.prisma.$transaction(async (tx) => {
      const [proposal] = await tx.$queryRaw<{ beneficiary_id: string; tax_code: string }[]>`
        SELECT d.beneficiary_id::text AS beneficiary_id, b.tax_code
        FROM discard_proposal d JOIN beneficiary b ON b.id = d.beneficiary_id
        WHERE d.id = ${proposalId}::uuid AND d.state = 'proposed' FOR UPDATE OF d`;
      if (!proposal) return null;
      const summary = await anonymise(tx, proposal.beneficiary_id, proposal.tax_code);
      await tx.discardProposal.update({
        where: { id: proposalId },
        data: { state: 'discarded', approvedBy: actor, discardedAt: new Date(), summary },
      });
      await tx.auditLog.create({
        data: {
          actor,
          action: 'beneficiary_discarded',
          entityType: 'beneficiary',
          entityId: proposal.beneficiary_id,
          details: summary,
        },
      });
      return summary;
    });
  }
}

// The rendered documents replaced by their impronta (a document already gone keeps the one it had).
const documentsDiscarded = Prisma.sql`
  docx_sha256 = COALESCE(encode(sha256(docx), 'hex'), docx_sha256),
  pdf_sha256 = COALESCE(encode(sha256(pdf), 'hex'), pdf_sha256),
  docx = NULL, pdf = NULL, documents_discarded_at = COALESCE(documents_discarded_at, now())`;

/** The person's data made anonymous; the protocol register's entries (number, sender, subject, impronte) stay. */
async function anonymise(
  tx: Prisma.TransactionClient,
  beneficiaryId: string,
  taxCode: string,
): Promise<Record<string, number>> {
  const alias = `SCARTATO-${beneficiaryId.slice(0, 8)}`;
  const requests = await tx.$queryRaw<{ id: string; protocol: string; inbound_message_id: string | null }[]>`
    SELECT r.id::text AS id, r.protocol, r.inbound_message_id::text AS inbound_message_id
    FROM request r LEFT JOIN project p ON p.id = r.project_id
    WHERE r.beneficiary_id = ${beneficiaryId}::uuid OR p.beneficiary_id = ${beneficiaryId}::uuid`;
  const requestIds = requests.map(({ id }) => id);
  const mentions = [...requests.map(({ protocol }) => `%${protocol}%`), `%${taxCode}%`];
  return {
    richieste: await tx.$executeRaw`
      UPDATE request SET fields = '{"scartato": true}'::jsonb, problems = '[]'::jsonb
      WHERE id = ANY(${requestIds}::uuid[])`,
    // A message that also carries other people's forms keeps its copy for them.
    messaggi: await tx.$executeRaw`
      UPDATE inbound_message m SET raw = ''::bytea, raw_discarded_at = COALESCE(raw_discarded_at, now()),
        forward_from = NULL, forward_subject = NULL, forward_note = NULL
      WHERE m.id IN (SELECT inbound_message_id FROM request WHERE id = ANY(${requestIds}::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM request o WHERE o.inbound_message_id = m.id AND NOT o.id = ANY(${requestIds}::uuid[]))`,
    contratti: await tx.$executeRaw`
      UPDATE contract SET ${documentsDiscarded},
        returned_document = NULL, returned_file_name = NULL, operator_name = NULL
      WHERE request_id = ANY(${requestIds}::uuid[])`,
    righe_previsionali: await tx.$executeRaw`
      UPDATE forecast_line SET tax_code = ${alias} WHERE tax_code = ${taxCode}`,
    messaggi_inviati: await tx.$executeRaw`
      UPDATE outbox_message SET payload = '{"scartato": true}'::jsonb
      WHERE state = 'sent' AND payload::text LIKE ANY(${mentions}::text[])`,
    persona: await tx.$executeRaw`
      UPDATE beneficiary SET surname = '(scartato)', name = '(scartato)', tax_code = ${alias},
        birth_date = DATE '1900-01-01'
      WHERE id = ${beneficiaryId}::uuid`,
  };
}
