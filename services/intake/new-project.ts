import { providerNamed, type ProviderName } from './provider-names.js';
import { findDayUnit } from '../../domain/catalogue/day-units.js';
import { findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';
import type { RequestDraft } from '../../domain/requests/request-draft.js';
import type { NewProject } from './intake-store.js';

/** The project an accepted activation or day-centre entry opens; nothing for other requests. */
export function newProject(
  draft: RequestDraft,
  providers: readonly ProviderName[] = [],
): NewProject | undefined {
  const { beneficiary, request } = draft;
  if (draft.kind !== 'activation' && draft.kind !== 'day_centre_entry') return undefined;
  const municipality = beneficiary.municipality ? findAmbitoMunicipality(beneficiary.municipality) : null;
  const dayUnit = request.dayUnit ? findDayUnit(request.dayUnit) : null;
  const coPaying = request.coPayingMunicipality ? findAmbitoMunicipality(request.coPayingMunicipality) : null;
  if (!draft.service || !municipality || !beneficiary.taxCode || !beneficiary.birthDate || !request.startDate)
    return undefined;
  // The entry form names no provider: a unit printed with its manager carries it (seed l. 4183-4189).
  const providerName = request.provider ?? dayUnit?.manager ?? null;
  return {
    beneficiary: {
      taxCode: beneficiary.taxCode,
      surname: beneficiary.surname ?? '',
      name: beneficiary.name ?? '',
      birthDate: beneficiary.birthDate,
      municipalityId: municipality.istatCode,
    },
    service: draft.service,
    coPayingMunicipalityId: coPaying?.istatCode ?? null,
    // Kept by name when outside the Ambito: the share is still 50% (seed l. 627-629, 1120-1124).
    coPayingOutsideAmbito: request.coPayingMunicipality && !coPaying ? request.coPayingMunicipality : null,
    providerName,
    providerId: providerNamed(providerName, providers),
    startDate: request.startDate,
    endDate: request.endDate,
    annualMinutes: request.annualHours === null ? null : Math.round(request.annualHours * 60),
    committedBudgetCents: request.annualBudgetCents ?? 0,
    operatorProfile: request.operatorProfile,
    upperSecondary: request.upperSecondary,
    placedMinor: draft.service === 'SIP' && request.placedMinor,
    dayUnitId: dayUnit?.id ?? null,
  };
}
