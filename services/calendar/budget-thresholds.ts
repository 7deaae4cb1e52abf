import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { defaultCatalogue } from '../../domain/catalogue/catalogue.js';
import { projectLedger, type LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ImportedMonth } from '../../domain/costs/monthly-hours-cost.js';
import { budgetThresholdMessage } from '../../domain/schedule/duty-messages.js';
import type { CalendarStore, DutyDelivery, TickTask } from './calendar-tick.js';
import { deliveryOf, type DutyRecipient, type OfficeIdentity } from './duty-delivery.js';

/** A project touched by an hours import, with what its alert needs. */
export interface ImportedProject {
  readonly projectId: string;
  readonly reference: string;
  readonly beneficiaryInitials: string;
  readonly service: string;
  readonly municipality: DutyRecipient;
  readonly ledger: { readonly project: LedgerProject; readonly months: readonly ImportedMonth[] };
}

/** What the threshold check needs from the database. */
export interface ThresholdStore {
  /** Recent hours imports whose projects have not been checked yet. */
  uncheckedImports(): Promise<string[]>;
  projectsOfImport(importId: string): Promise<ImportedProject[]>;
}

/**
 * After each Gecas import, the projects whose validated spending passed the threshold (80%) are
 * reported to their Comune, once per project and threshold (disciplinare, SAD FASE 9).
 */
export class BudgetThresholds implements TickTask {
  readonly name = 'soglie di budget';

  constructor(
    private readonly store: ThresholdStore,
    private readonly calendar: Pick<CalendarStore, 'recordDuty'>,
    private readonly office: OfficeIdentity,
  ) {}

  async run(now: Date): Promise<string> {
    let alerts = 0;
    const imports = await this.store.uncheckedImports();
    for (const importId of imports) {
      const deliveries: DutyDelivery[] = [];
      for (const project of await this.store.projectsOfImport(importId)) {
        const ledger = projectLedger(
          project.ledger.project,
          project.ledger.months,
          defaultCatalogue,
          romeDateOf(now),
        );
        if (!ledger.thresholdReached) continue;
        const key = `budget-threshold:${project.projectId}:${ledger.thresholdPercent}`;
        const message = budgetThresholdMessage({
          protocolOrProject: project.reference,
          beneficiaryInitials: project.beneficiaryInitials,
          service: project.service,
          thresholdPercent: ledger.thresholdPercent,
          committedCents: ledger.committedCents,
          spentCents: ledger.spentCents,
          shareUsedBasisPoints: ledger.shareUsedBasisPoints,
          spentThrough: ledger.spentThrough,
        });
        deliveries.push({
          idempotencyKey: key,
          recipient: `municipality:${project.municipality.id}`,
          outbox: deliveryOf(project.municipality, key, message, this.office),
        });
      }
      alerts += await this.calendar.recordDuty(
        {
          idempotencyKey: `budget-check:${importId}`,
          kind: 'budget_threshold',
          dueAt: now,
          state: 'sent',
          outcome: `${deliveries.length} progetti oltre la soglia`,
        },
        deliveries,
      );
    }
    return `${imports.length} importazioni controllate, ${alerts} nuovi avvisi`;
  }
}
