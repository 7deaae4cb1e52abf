import type { Viewer } from '../access/read-log.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { defaultCatalogue } from '../../domain/catalogue/catalogue.js';
import { projectLedger, type LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ImportedMonth } from '../../domain/costs/monthly-hours-cost.js';
import { formatEuro, formatPercentFromBasisPoints } from '../../domain/money.js';
import type { CallerScope } from '../access/caller.js';
import type { ProjectSummary } from './budget-answer.js';

/** What "i miei progetti" needs. */
export interface ProjectList {
  activeProjects(scope: CallerScope, limit: number): Promise<{ total: number; projects: ProjectSummary[] }>;
  ledgerInput(projectId: string): Promise<{ project: LedgerProject; months: ImportedMonth[] } | null>;
}

const shown = 20;

/** The caller's active projects with the share of budget used, the ones above 80% first. */
export async function answerProjects(
  list: ProjectList,
  scope: CallerScope,
  today: CalendarDate,
  viewer: Viewer,
): Promise<string> {
  const { total, projects } = await list.activeProjects(scope, shown);
  if (total === 0) return 'Non risultano progetti attivi tra quelli che può consultare.';
  await viewer.saw(
    'bot_projects',
    projects.map(({ projectId }) => ({ projectId })),
  );
  const rows = await Promise.all(
    projects.map(async (project) => {
      const input = await list.ledgerInput(project.projectId);
      const ledger = input ? projectLedger(input.project, input.months, defaultCatalogue, today) : null;
      return { project, ledger };
    }),
  );
  rows.sort((a, b) => (b.ledger?.shareUsedBasisPoints ?? 0) - (a.ledger?.shareUsedBasisPoints ?? 0));
  const lines = rows.map(({ project, ledger }) => {
    const used = ledger
      ? ` – usato ${formatPercentFromBasisPoints(ledger.shareUsedBasisPoints)}, residuo ${formatEuro(ledger.remainingCents)}`
      : '';
    const warning = ledger?.thresholdReached ? ' ⚠️' : '';
    return `• ${project.beneficiary.surname} ${project.beneficiary.name} – ${project.service}${project.providerName ? ` (${project.providerName})` : ''}${used}${warning}`;
  });
  const header =
    total > shown
      ? `Progetti attivi: ${total} (i ${shown} con la quota di budget più alta):`
      : `Progetti attivi: ${total}`;
  return [header, ...lines].join('\n\n');
}
