import type { ReadEntry, ReadLog, ReadLogQuery } from '../../services/access/read-log.js';
import type { Database } from '../database/database.js';

/** The read log in one INSERT per view, the beneficiary found from what was seen. */
export class PrismaReadLog implements ReadLog, ReadLogQuery {
  constructor(private readonly database: Database) {}

  async record(entries: readonly ReadEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => ({
      actor: entry.actor,
      actor_name: entry.actorName,
      role: entry.role,
      action: entry.action,
      protocol: 'protocol' in entry.target ? entry.target.protocol : null,
      tax_code: 'taxCode' in entry.target ? entry.target.taxCode.toUpperCase() : null,
      project_id: 'projectId' in entry.target ? entry.target.projectId : null,
    }));
    // A request names its beneficiary itself (activation) or through the project it changes.
    await this.database.prisma.$executeRaw`
      INSERT INTO read_log (actor, actor_name, role, action, beneficiary_id, protocol)
      SELECT row.actor, row.actor_name, row.role, row.action,
        COALESCE(person.id, project.beneficiary_id, request.beneficiary_id, changed.beneficiary_id),
        row.protocol
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS row(actor text, actor_name text,
        role text, action text, protocol text, tax_code text, project_id uuid)
      LEFT JOIN beneficiary person ON person.tax_code = row.tax_code
      LEFT JOIN project ON project.id = row.project_id
      LEFT JOIN request ON request.protocol = row.protocol
      LEFT JOIN project changed ON changed.id = request.project_id`;
  }

  async readsOf(taxCode: string, limit: number) {
    const prisma = this.database.prisma;
    const person = await prisma.beneficiary.findUnique({
      where: { taxCode: taxCode.toUpperCase() },
      select: { id: true, surname: true, name: true },
    });
    if (!person) return null;
    const rows = await prisma.readLogEntry.findMany({
      where: { beneficiaryId: person.id },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { at: true, actorName: true, role: true, action: true, protocol: true },
    });
    return {
      beneficiary: `${person.surname} ${person.name}`,
      reads: rows,
    };
  }
}
