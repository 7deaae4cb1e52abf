import { normalizeForMatching } from './normalize-for-matching.js';

/**
 * Edit distance with transpositions (optimal string alignment), for typing slips. Stops early and
 * returns `limit + 1` once the distance is sure to exceed `limit`: a name search compares the
 * query with every beneficiary in scope, so the common "nowhere near" case must be cheap.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, previous2[j - 2]! + 1);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  const distance = previous[b.length]!;
  return distance > limit ? limit + 1 : distance;
}

/** How many slips a word of this length may carry: one for short words, two for long ones. */
function allowedSlips(target: string): number {
  return target.length >= 8 ? 2 : target.length >= 4 ? 1 : 0;
}

/** True when `word` is `target` give or take a slip (one for short words, two for long ones). */
export function isCloseWord(word: string, target: string): boolean {
  if (word === target) return true;
  const allowed = allowedSlips(target);
  return editDistance(word, target, allowed) <= allowed;
}

export function nameWords(text: string): string[] {
  return normalizeForMatching(text)
    .split(/[^a-z]+/)
    .filter((word) => word.length > 1);
}

/**
 * How well the words of a query name a person, 0–1, whatever their order ("maria bianchi",
 * "bianchi maira"): every query word must match a different word of the name.
 */
export function nameScore(query: readonly string[], surname: string, name: string): number {
  const words = [...nameWords(surname), ...nameWords(name)];
  if (query.length === 0 || words.length === 0) return 0;
  const used = new Set<number>();
  let total = 0;
  for (const word of query) {
    let best = -1;
    let bestScore = 0;
    words.forEach((candidate, index) => {
      if (used.has(index)) return;
      const score = candidate === word ? 1 : slipScore(word, candidate);
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    });
    if (best < 0) return 0;
    used.add(best);
    total += bestScore;
  }
  // A query naming only the surname is weaker than one naming the whole person.
  const coverage = used.size / words.length;
  return (total / query.length) * (0.8 + 0.2 * coverage);
}

function slipScore(word: string, candidate: string): number {
  const allowed = allowedSlips(candidate);
  const distance = editDistance(word, candidate, allowed);
  return distance <= allowed ? 1 - distance / Math.max(word.length, candidate.length) : 0;
}
