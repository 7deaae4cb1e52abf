import type { Cents } from '../money.js';
import { festiveHoursIn } from '../triage/festive-hours.js';
import { parseItalianAmount, parseItalianDecimal } from '../text/italian-numbers.js';
import { normalizeForMatching } from '../text/normalize-for-matching.js';

/** One beneficiary of a forecast's detail table, as far as its row says (seed l. 343-346). */
export interface ForecastLineRead {
  readonly taxCode: string;
  /** The hours assigned for the period. */
  readonly annualHours: number | null;
  /** SAD/SADH: of those, the hours on Sundays and holidays (seed l. 3156). */
  readonly festiveHours: number | null;
  /** The Comune's budget for the beneficiary, when the row gives one. */
  readonly budgetCents: Cents | null;
}

type Role = 'hours' | 'festive' | 'budget';

// The detail's column headings as Comuni write them; the first that matches a cell names it.
const headingRoles: [RegExp, Role][] = [
  [/\b(festiv|domenic)/, 'festive'],
  [/\b(budget|importo|spesa|costo|euro|totale)\b|€/, 'budget'],
  [/\b(ore|monte ore|h)\b/, 'hours'],
];
const taxCodeWords = /\b(codice fiscale|c ?f)\b/;
const separators = [/\t/, /;/, /\|/, / {2,}/];

const hoursWritten =
  /\b(?:ore(?: annue| assegnate| anno)?|monte ore)\s*:?\s*(\d{1,4}(?:[.,]\d{1,2})?)\b|\b(\d{1,4}(?:[.,]\d{1,2})?)\s*(?:ore|h)\b(?!\s+(?:la\s+)?(?:domenic|festiv))/;
const amountWritten =
  /(?:€|\beur(?:o)?\b|\bbudget\b\s*:?)\s*(\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|\d+(?:,\d{1,2})?)|(\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|\d+(?:,\d{1,2})?)\s*(?:€|\beur(?:o)?\b)/i;

/** A row's cells: split by the first separator that divides it (tab, «;», «|», two spaces). */
function cellsOf(line: string): string[] {
  for (const separator of separators) {
    const cells = line.split(separator).map((cell) => cell.trim());
    if (cells.length > 1) return cells;
  }
  return [line.trim()];
}

/** A heading row's columns by role, or null when the row is not a heading of the detail. */
function headingOf(line: string): Map<Role, number> | null {
  const cells = cellsOf(line).map(normalizeForMatching);
  if (!cells.some((cell) => taxCodeWords.test(cell))) return null;
  const roles = new Map<Role, number>();
  cells.forEach((cell, index) => {
    if (taxCodeWords.test(cell)) return;
    const role = headingRoles.find(([words]) => words.test(cell))?.[1];
    if (role && !roles.has(role)) roles.set(role, index);
  });
  return roles.size > 0 ? roles : null;
}

function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

/** A row under a heading: its cells by the heading's columns. */
function lineByColumns(taxCode: string, cells: readonly string[], roles: Map<Role, number>) {
  const cell = (role: Role) => {
    const index = roles.get(role);
    return index === undefined ? '' : (cells[index] ?? '');
  };
  return {
    taxCode,
    annualHours: positive(parseItalianDecimal(cell('hours'))),
    festiveHours: positive(parseItalianDecimal(cell('festive'))),
    budgetCents: positive(parseItalianAmount(cell('budget'))),
  };
}

/** A row in prose («BNCMRA… ore annue 200, budget € 4.300,00, di cui 20 ore festive»). */
function lineByWords(taxCode: string, line: string): ForecastLineRead {
  const rest = line.replace(taxCode, ' ');
  const hours = hoursWritten.exec(rest.toLowerCase().replace(/\s+/g, ' '));
  const amount = amountWritten.exec(rest);
  return {
    taxCode,
    annualHours: positive(hours ? parseItalianDecimal(hours[1] ?? hours[2] ?? '') : null),
    festiveHours: festiveHoursIn(rest),
    budgetCents: positive(amount ? parseItalianAmount(amount[1] ?? amount[2] ?? '') : null),
  };
}

/**
 * The rows of a forecast's detail for the given codici fiscali (seed l. 343-346: «il numero di ore
 * assegnate a ciascuno»): under a heading row (spreadsheet, CSV, a table in a PDF or Word file) by
 * its columns, otherwise by the words of the row. Each codice fiscale once, the first row naming it.
 */
export function readForecastLines(texts: readonly string[], taxCodes: readonly string[]): ForecastLineRead[] {
  const found = new Map<string, ForecastLineRead>();
  for (const text of texts) {
    let heading: Map<Role, number> | null = null;
    for (const line of text.split(/\r?\n/)) {
      const upper = line.toUpperCase();
      const taxCode = taxCodes.find((code) => upper.includes(code));
      if (!taxCode) {
        heading = headingOf(line) ?? heading;
        continue;
      }
      if (found.has(taxCode)) continue;
      const cells = cellsOf(line);
      const byColumns = heading && cells.length > 1 ? lineByColumns(taxCode, cells, heading) : null;
      const byWords = lineByWords(taxCode, line);
      found.set(taxCode, {
        taxCode,
        annualHours: byColumns?.annualHours ?? byWords.annualHours,
        festiveHours: byColumns?.festiveHours ?? byWords.festiveHours,
        budgetCents: byColumns?.budgetCents ?? byWords.budgetCents,
      });
    }
  }
  return taxCodes.map(
    (taxCode) => found.get(taxCode) ?? { taxCode, annualHours: null, festiveHours: null, budgetCents: null },
  );
}
