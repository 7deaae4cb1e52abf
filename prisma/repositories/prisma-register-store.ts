import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { RegisterEntry, RegisteredFile } from '../../domain/register/register-entry.js';
import type { RegisterStore } from '../../services/register/protocol-register.js';
import type { Database } from '../database/database.js';
import { Prisma } from '../generated/client.js';
import { toDateColumn } from './date-columns.js';

interface EntryRow {
  protocol: string;
  protocol_year: number;
  protocol_number: number;
  received_at: Date;
  authenticated_sender: string | null;
  sender_address: string | null;
  municipality: string | null;
  subject: string | null;
  kind: string;
  service: string | null;
  inbound_message_id: string | null;
  message_sha256: string | null;
  message_bytes: number | null;
}

interface DocumentRow {
  inbound_message_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
}

/** The protocol register read from the requests, their messages and the files they brought. */
export class PrismaRegisterStore implements RegisterStore {
  constructor(private readonly database: Database) {}

  async entriesReceivedOn(day: CalendarDate): Promise<RegisterEntry[]> {
    return this.entries(Prisma.sql`r.received_on = ${toDateColumn(day)}::date`);
  }

  async entry(protocol: string): Promise<RegisterEntry | null> {
    const [entry] = await this.entries(Prisma.sql`r.protocol = ${protocol}`);
    return entry ?? null;
  }

  private async entries(where: Prisma.Sql): Promise<RegisterEntry[]> {
    const prisma = this.database.prisma;
    const rows = await prisma.$queryRaw<EntryRow[]>`
      SELECT r.protocol, r.protocol_year, r.protocol_number, r.received_at, r.authenticated_sender,
        r.sender_address, m.name AS municipality, r.subject, r.kind, r.service,
        r.inbound_message_id::text AS inbound_message_id, i.sha256 AS message_sha256,
        i.size_bytes AS message_bytes
      FROM request r
      LEFT JOIN municipality m ON m.istat_code = r.sender_municipality_id
      LEFT JOIN inbound_message i ON i.id = r.inbound_message_id
      WHERE ${where}
      ORDER BY r.protocol_year, r.protocol_number`;
    const messageIds = [...new Set(rows.flatMap((row) => row.inbound_message_id ?? []))];
    const documents =
      messageIds.length === 0
        ? []
        : await prisma.$queryRaw<DocumentRow[]>`
            SELECT inbound_message_id::text AS inbound_message_id, file_name, media_type, size_bytes, sha256
            FROM received_document WHERE inbound_message_id = ANY(${messageIds}::uuid[])
            ORDER BY inbound_message_id, position`;
    const filesOf = new Map<string, RegisteredFile[]>();
    for (const row of documents) {
      const file = {
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
      };
      filesOf.set(row.inbound_message_id, [...(filesOf.get(row.inbound_message_id) ?? []), file]);
    }
    return rows.map((row) => ({
      protocol: row.protocol,
      year: row.protocol_year,
      number: row.protocol_number,
      receivedAt: row.received_at,
      sender: row.authenticated_sender ?? row.sender_address,
      senderMunicipality: row.municipality,
      subject: row.subject,
      kind: row.kind,
      service: row.service,
      message: row.message_sha256
        ? {
            fileName: 'messaggio.eml',
            mediaType: 'message/rfc822',
            sizeBytes: row.message_bytes ?? 0,
            sha256: row.message_sha256,
          }
        : null,
      attachments: row.inbound_message_id ? (filesOf.get(row.inbound_message_id) ?? []) : [],
    }));
  }
}
