import type { Viewer } from '../access/read-log.js';
import { formatItalianMonth, formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import { isDayCentreService, isServiceCode } from '../../domain/catalogue/service-codes.js';
import { serviceDefinition } from '../../domain/catalogue/services.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { defaultCatalogue } from '../../domain/catalogue/catalogue.js';
import { projectLedger, type LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ImportedMonth } from '../../domain/costs/monthly-hours-cost.js';
import { formatEuro, formatPercentFromBasisPoints } from '../../domain/money.js';
import type { CallerScope } from '../access/caller.js';
import { nameScore } from '../../domain/text/fuzzy-match.js';

/** Whose budget is asked about: by protocol, codice fiscale, name words or project. */
export type BudgetTarget =
  | { readonly by: 'protocol'; readonly protocol: string }
  | { readonly by: 'tax_code'; readonly taxCode: string }
  | { readonly by: 'name'; readonly words: readonly string[] }
  | { readonly by: 'project'; readonly projectId: string };

/** A project as the budget answer shows it. */
export interface ProjectSummary {
  readonly projectId: string;
  readonly beneficiary: { readonly surname: string; readonly name: string; readonly taxCode: string };
  readonly service: string;
  readonly municipalityName: string;
  readonly providerName: string | null;
  readonly status: string;
}

/** What the budget answer needs from the database; every method honours the caller's scope. */
export interface BudgetLookup {
  /** The open projects in scope with just the beneficiary's name, to match a name against. */
  nameIndex(scope: CallerScope): Promise<readonly NameIndexEntry[]>;
  byTaxCode(scope: CallerScope, taxCode: string): Promise<ProjectSummary[]>;
  byProtocol(scope: CallerScope, protocol: string): Promise<ProjectSummary[]>;
  byProjects(scope: CallerScope, projectIds: readonly string[]): Promise<ProjectSummary[]>;
  ledgerInput(projectId: string): Promise<{ project: LedgerProject; months: ImportedMonth[] } | null>;
}

/** One open project and its beneficiary's name, the small row a name search scans. */
export interface NameIndexEntry {
  readonly projectId: string;
  readonly surname: string;
  readonly name: string;
}

/** The answer: a text, or a choice between people when the name is ambiguous. */
export type BudgetAnswer =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'choice';
      readonly prompt: string;
      readonly options: readonly { projectId: string; label: string }[];
    };

const minimumScore = 0.72;

/** "Quanto budget resta per …": committed, spent, remaining, share used, 80% warning, projection. */
export async function answerBudget(
  lookup: BudgetLookup,
  scope: CallerScope,
  target: BudgetTarget,
  today: CalendarDate,
  viewer: Viewer,
): Promise<BudgetAnswer> {
  const found = await findProjects(lookup, scope, target);
  if (found.length === 0) {
    return {
      kind: 'text',
      text:
        target.by === 'name'
          ? `Non ho trovato progetti per «${target.words.join(' ')}» tra i beneficiari che può consultare. Provi con il codice fiscale o il numero di pratica (es. 2027/0000123).`
          : 'Non ho trovato progetti corrispondenti tra quelli che può consultare.',
    };
  }
  if (found.length > 1) {
    const offered = found.slice(0, 8);
    await viewer.saw(
      'bot_budget',
      offered.map(({ projectId }) => ({ projectId })),
    );
    return {
      kind: 'choice',
      prompt: 'Ho trovato più progetti: quale intende?',
      options: offered.map((project) => ({ projectId: project.projectId, label: label(project) })),
    };
  }
  const project = found[0]!;
  await viewer.saw('bot_budget', [{ projectId: project.projectId }]);
  const input = await lookup.ledgerInput(project.projectId);
  if (!input) return { kind: 'text', text: 'Il progetto non è più disponibile.' };
  const ledger = projectLedger(input.project, input.months, defaultCatalogue, today);
  const lines = [
    label(project),
    `Periodo: ${formatShortItalianDate(input.project.startDate)} – ${formatShortItalianDate(ledger.periodEnd)}`,
    `Budget impegnato: ${formatEuro(ledger.committedCents)}${ledger.budgetChangedOn ? ` (variato dal ${formatShortItalianDate(ledger.budgetChangedOn)})` : ''}`,
    `Speso${ledger.spentThrough ? ` (${spentBasis(input.project.service)} fino a ${formatItalianMonth(Number(ledger.spentThrough.slice(0, 4)), Number(ledger.spentThrough.slice(5, 7)))})` : ''}: ${formatEuro(ledger.spentCents)}`,
    // Seed l. 3466-3514: a day centre's days are paid by the Comune and by the district fund (FUD).
    ...(ledger.districtFundCents > 0
      ? [`Quota FUD (fondo distrettuale) delle stesse presenze: ${formatEuro(ledger.districtFundCents)}`]
      : []),
    `Residuo: ${formatEuro(ledger.remainingCents)}`,
    ...input.project.budgetChanges
      .filter((change) => change.effectiveOn > today)
      .map(
        (change) =>
          `Variazione già disposta: budget annuale di ${formatEuro(change.committedBudgetCents)} dal ${formatShortItalianDate(change.effectiveOn)}`,
      ),
    `Quota utilizzata: ${formatPercentFromBasisPoints(ledger.shareUsedBasisPoints)}`,
  ];
  if (ledger.thresholdReached) {
    lines.push(
      `⚠️ Superata la soglia dell'${ledger.thresholdPercent}% dei fondi impegnati: valutare una ridefinizione del progetto o dell'impegno di spesa.`,
    );
  }
  if (ledger.projectedCents !== null) {
    lines.push(
      ledger.projectedOverrun
        ? `Proiezione a fine periodo: ${formatEuro(ledger.projectedCents)}, oltre il budget di ${formatEuro(ledger.projectedCents - ledger.committedCents)}.`
        : `Proiezione a fine periodo: ${formatEuro(ledger.projectedCents)}, entro il budget.`,
    );
  }
  return { kind: 'text', text: lines.join('\n\n') };
}

async function findProjects(
  lookup: BudgetLookup,
  scope: CallerScope,
  target: BudgetTarget,
): Promise<ProjectSummary[]> {
  switch (target.by) {
    case 'tax_code':
      return preferActive(await lookup.byTaxCode(scope, target.taxCode));
    case 'protocol':
      return lookup.byProtocol(scope, target.protocol);
    case 'project':
      return lookup.byProjects(scope, [target.projectId]);
    case 'name': {
      const scored = (await lookup.nameIndex(scope))
        .map((entry) => ({ entry, score: nameScore(target.words, entry.surname, entry.name) }))
        .filter((match) => match.score >= minimumScore)
        .sort((a, b) => b.score - a.score);
      const best = scored[0]?.score ?? 0;
      // Keep the clear winners: a full-name match beats people who only share the surname.
      const winners = scored.filter((match) => match.score >= best - 0.05).slice(0, 20);
      if (winners.length === 0) return [];
      return preferActive(
        await lookup.byProjects(
          scope,
          winners.map((match) => match.entry.projectId),
        ),
      );
    }
  }
}

function preferActive(projects: ProjectSummary[]): ProjectSummary[] {
  const active = projects.filter((project) => project.status === 'active');
  return active.length > 0 ? active : projects;
}

function label(project: ProjectSummary): string {
  const service = isServiceCode(project.service)
    ? `${project.service} – ${serviceDefinition(project.service).name}`
    : project.service;
  return `${project.beneficiary.surname} ${project.beneficiary.name}, ${service}, Comune di ${project.municipalityName}${project.providerName ? `, ${project.providerName}` : ''}`;
}

/** What the spending is counted from: validated hours, or a day centre's attendance sheets. */
function spentBasis(service: string): string {
  return isServiceCode(service) && isDayCentreService(service) ? 'presenze validate' : 'ore validate';
}
