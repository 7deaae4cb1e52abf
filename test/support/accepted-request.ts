import { providerNamed } from '../../services/intake/provider-names.js';
import { createHash, randomUUID } from 'node:crypto';
import type { RequestDraft } from '../../domain/requests/request-draft.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import type { ProtocolNumber } from '../../domain/requests/protocol-number.js';
import type { IntakeDecision, IntakeStore } from '../../services/intake/intake-store.js';
import { protocolNumber } from '../../domain/requests/protocol-number.js';
import type { Database } from '../../prisma/database/database.js';
import { sadActivation } from '../domain/draft-fixtures.js';

/** Registers an accepted SAD activation as the mail intake would, with its project and draft contract. */
export async function acceptedRequest(
  database: Database,
  options: {
    receivedOn?: string;
    draft?: RequestDraft;
    municipalityId?: string;
    status?: 'acknowledged' | 'integration_requested';
  } = {},
): Promise<{ protocol: string; contractId: string | null }> {
  const store = new PrismaIntakeStore(database);
  const providers = await store.providers();
  const draft = options.draft ?? sadActivation();
  const receivedOn = options.receivedOn ?? '2027-02-10';
  const raw = new TextEncoder().encode(`Message-ID: <${randomUUID()}@test>\r\n\r\nx`);
  const registered = await store.register({
    mailbox: 'INBOX',
    dedupeKey: randomUUID(),
    messageId: null,
    contentHash: randomUUID(),
    uidValidity: null,
    uid: null,
    receivedAt: new Date(`${receivedOn}T09:00:00Z`),
    fromAddress: null,
    raw,
    sha256: createHash('sha256').update(raw).digest('hex'),
  });
  const b = draft.beneficiary;
  const r = draft.request;
  const status = options.status ?? 'acknowledged';
  const { protocol } = await completeNumbered(
    store,
    registered.id,
    Number(receivedOn.slice(0, 4)),
    (number) => ({
      state: 'processed',
      kind: draft.kind,
      request: {
        protocol: number,
        kind: draft.kind,
        service: draft.service,
        status,
        receivedAt: new Date(`${receivedOn}T09:00:00Z`),
        receivedOn,
        senderAddress: 'servizi.sociali@comune.crema.cr.it',
        authenticatedSender: 'servizi.sociali@comune.crema.cr.it',
        senderMunicipalityId: '019035',
        threadMessageId: '<original@comune.crema.cr.it>',
        subject: 'Richiesta di attivazione',
        fields: { ...draft },
        problems: [],
        municipalityId: options.municipalityId ?? '019035',
        opens:
          status === 'acknowledged'
            ? {
                beneficiary: {
                  taxCode: b.taxCode!,
                  surname: b.surname!,
                  name: b.name!,
                  birthDate: b.birthDate!,
                  municipalityId: options.municipalityId ?? '019035',
                },
                service: draft.service!,
                coPayingMunicipalityId: null,
                coPayingOutsideAmbito: null,
                providerName: r.provider,
                providerId: providerNamed(r.provider, providers),
                startDate: r.startDate!,
                endDate: r.endDate,
                annualMinutes: r.annualHours === null ? null : r.annualHours * 60,
                committedBudgetCents: r.annualBudgetCents ?? 0,
                operatorProfile: r.operatorProfile,
                upperSecondary: r.upperSecondary,
                placedMinor: r.placedMinor,
                dayUnitId: null,
              }
            : undefined,
      },
      messages: [],
    }),
  );
  const contract = await database.prisma.contract.findFirst({
    where: { request: { protocol: protocol! } },
    select: { id: true },
  });
  return { protocol: protocol!, contractId: contract?.id ?? null };
}

/**
 * Records a decision under the next free number of `year`, deciding again under a newer one while
 * others take numbers first, as the mail intake does.
 */
export async function completeNumbered(
  store: IntakeStore,
  inboundId: string,
  year: number,
  decide: (protocol: ProtocolNumber) => IntakeDecision,
): Promise<{ protocol: string | null }> {
  let next = await store.nextProtocolNumber(year);
  for (;;) {
    const result = await store.complete(inboundId, decide(protocolNumber(year, next)));
    if (result.status !== 'number_taken') return result;
    next = result.next;
  }
}
