import type { PhaseDStore } from '../../services/contracts/phase-d-steps.js';
import type { Database } from '../database/database.js';
import { toDateColumn } from './date-columns.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import type { PrismaContractWorkflow } from './prisma-contract-workflow.js';
import { sqlIn } from '../database/sql.js';

/** The fase D of single contracts: read as the workflow reads a decided contract, marked once. */
export class PrismaPhaseDStore implements PhaseDStore {
  constructor(
    private readonly database: Database,
    private readonly workflow: Pick<PrismaContractWorkflow, 'decidedContract'>,
  ) {}

  decidedContract(contractId: string) {
    return this.workflow.decidedContract(contractId);
  }

  markPhaseD(input: Parameters<PhaseDStore['markPhaseD']>[0]): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const updated = await tx.contract.updateMany({
        where: { id: input.contractId, version: input.version, state: 'returned', phaseDDoneOn: null },
        data: {
          version: { increment: 1 },
          phaseDDoneOn: toDateColumn(input.on),
          phaseDDoneBy: input.actor,
          operatorName: input.operatorName,
          serviceMayStartOn: toDateColumn(input.serviceMayStartOn),
        },
      });
      if (updated.count === 0) return false;
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: 'contract_phase_d',
            entityType: 'contract',
            entityId: input.contractId,
            details: { on: input.on, serviceMayStartOn: input.serviceMayStartOn },
          },
        ],
        input.outbox,
      );
      return true;
    });
  }
}
