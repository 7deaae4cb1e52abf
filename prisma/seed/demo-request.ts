import { addWorkingDays } from '../../domain/calendar/working-days.js';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { calendarDate, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { emptyRequestDraft, type RequestDraft } from '../../domain/requests/request-draft.js';
import type { Prisma } from '../generated/client.js';
import { toDateColumn } from '../repositories/date-columns.js';
import { nextProtocolNumber } from '../repositories/protocol-numbers.js';

/**
 * DEMO: one accepted SAD activation (fictitious beneficiary) waiting for its contract to be
 * approved, so that a fresh start shows staff an approval card in Teams.
 */
export async function seedDemoRequest(
  tx: Prisma.TransactionClient,
  providerId: string,
  now: Date,
): Promise<void> {
  const receivedOn = romeDateOf(now);
  const draft = demoDraft(receivedOn);
  const beneficiary = await tx.beneficiary.create({
    data: {
      taxCode: draft.beneficiary.taxCode!,
      surname: 'Marino',
      name: 'Paolo',
      birthDate: toDateColumn(calendarDate('1940-01-01')),
      municipalityId: '019035',
      isDemo: true,
    },
    select: { id: true },
  });
  const project = await tx.project.create({
    data: {
      beneficiaryId: beneficiary.id,
      service: 'SAD',
      municipalityId: '019035',
      providerId,
      startDate: toDateColumn(draft.request.startDate!),
      endDate: toDateColumn(draft.request.endDate!),
      annualMinutes: 150 * 60,
      committedBudgetCents: 330_000,
      status: 'pending',
      isDemo: true,
    },
    select: { id: true },
  });
  const year = Number(receivedOn.slice(0, 4));
  const { number, protocol } = await nextProtocolNumber(tx, year);
  const request = await tx.request.create({
    data: {
      protocolYear: year,
      protocolNumber: number,
      protocol,
      kind: 'activation',
      service: 'SAD',
      status: 'acknowledged',
      receivedAt: now,
      receivedOn: toDateColumn(receivedOn),
      senderAddress: 'servizi.sociali@demo.comune.crema.cr.it',
      fields: { ...draft, source: 'demo' },
      problems: [],
      beneficiaryId: beneficiary.id,
      municipalityId: '019035',
      projectId: project.id,
    },
    select: { id: true },
  });
  const contract = await tx.contract.create({
    data: { requestId: request.id, projectId: project.id, providerId, state: 'draft' },
    select: { id: true },
  });
  await tx.contractStateChange.create({
    data: { contractId: contract.id, fromState: null, toState: 'draft', actor: 'sportello (dati demo)' },
  });
}

/** The form the demo Comune sent: a start twenty working days after today, to the end of that year. */
function demoDraft(receivedOn: CalendarDate): RequestDraft {
  const start = addWorkingDays(receivedOn, 20);
  const empty = emptyRequestDraft('activation', 'SAD');
  return {
    ...empty,
    beneficiary: {
      surname: 'Marino',
      name: 'Paolo',
      birthDate: calendarDate('1940-01-01'),
      taxCode: 'MRNPLA40A01D142S',
      municipality: 'Crema',
    },
    request: {
      ...empty.request,
      startDate: start,
      endDate: calendarDate(`${start.slice(0, 4)}-12-31`),
      annualHours: 150,
      annualBudgetCents: 330_000,
      provider: 'Coop. Sociale Il Girasole',
      socialWorker: 'Anna Bianchi (demo)',
      signedPlace: 'Crema',
      signedOn: receivedOn,
    },
  };
}
