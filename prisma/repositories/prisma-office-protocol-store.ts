import type { OfficeProtocolStore } from '../../services/requests/record-office-protocol.js';
import type { Database } from '../database/database.js';

/** The office's protocol number of a request, written with its audit row. */
export class PrismaOfficeProtocolStore implements OfficeProtocolStore {
  constructor(private readonly database: Database) {}

  async recordOfficeProtocol(input: {
    readonly protocol: string;
    readonly officeProtocol: string;
    readonly actor: string;
  }): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const request = await tx.request.findUnique({
        where: { protocol: input.protocol },
        select: { id: true, officeProtocol: true },
      });
      if (!request) return false;
      await tx.request.update({ where: { id: request.id }, data: { officeProtocol: input.officeProtocol } });
      await tx.auditLog.create({
        data: {
          actor: input.actor,
          action: 'office_protocol_recorded',
          entityType: 'request',
          entityId: request.id,
          fromState: request.officeProtocol,
          toState: input.officeProtocol,
        },
      });
      return true;
    });
  }
}
