import type { CallerScope } from '../../services/access/caller.js';
import type { Prisma } from '../generated/client.js';

/** The projects a caller may see, as a Prisma filter (the one place the rule is written for queries). */
export function projectScope(scope: CallerScope): Prisma.ProjectWhereInput {
  if (scope.municipalityId) {
    // A social worker sees her Comune's projects, and those her Comune pays half of (ADM, SIP).
    return {
      OR: [{ municipalityId: scope.municipalityId }, { coPayingMunicipalityId: scope.municipalityId }],
    };
  }
  if (scope.providerId) return { providerId: scope.providerId };
  return {};
}
