import type { NewProject, RequestRecord } from '../../services/intake/intake-store.js';
import type { Prisma } from '../generated/client.js';

/** The beneficiary (created or refreshed) and the pending project of an accepted request, in one statement. */
export async function openProject(
  tx: Prisma.TransactionClient,
  opens: NewProject,
  providerId: string | null,
): Promise<{ projectId: string; beneficiaryId: string }> {
  const person = opens.beneficiary;
  const rows = await tx.$queryRaw<{ project_id: string; beneficiary_id: string }[]>`
    WITH person AS (
      INSERT INTO beneficiary (id, tax_code, surname, name, birth_date, municipality_id)
      VALUES (gen_random_uuid(), ${person.taxCode}, ${person.surname}, ${person.name},
              ${person.birthDate}::date, ${person.municipalityId})
      ON CONFLICT (tax_code) DO UPDATE
        SET surname = EXCLUDED.surname, name = EXCLUDED.name, municipality_id = EXCLUDED.municipality_id
      RETURNING id
    )
    INSERT INTO project (id, beneficiary_id, service, municipality_id, co_paying_municipality_id,
      co_paying_outside_ambito, provider_id, start_date, end_date, annual_minutes, committed_budget_cents, operator_profile,
      upper_secondary, placed_minor, day_unit_id, status)
    SELECT gen_random_uuid(), person.id, ${opens.service}, ${person.municipalityId},
      ${opens.coPayingMunicipalityId}::text, ${opens.coPayingOutsideAmbito}::text, ${providerId}::uuid, ${opens.startDate}::date,
      ${opens.endDate}::date, ${opens.annualMinutes}::int, ${opens.committedBudgetCents}::int,
      ${opens.operatorProfile}::text, ${opens.upperSecondary}::boolean, ${opens.placedMinor}::boolean, ${opens.dayUnitId}::text,
      'pending'::project_status
    FROM person
    RETURNING id::text AS project_id, beneficiary_id::text AS beneficiary_id`;
  const row = rows[0]!;
  return { projectId: row.project_id, beneficiaryId: row.beneficiary_id };
}

/** The request, and for one that opens a project its draft contract and first state change, in one statement. */
export async function insertRequest(
  tx: Prisma.TransactionClient,
  inboundId: string,
  record: RequestRecord,
  opened: { projectId: string; beneficiaryId: string } | null,
  providerId: string | null,
): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH request AS (
      INSERT INTO request (id, protocol_year, protocol_number, protocol, inbound_message_id, kind, service,
        status, received_at, received_on, sender_address, authenticated_sender, sender_municipality_id,
        thread_message_id, fields, problems, municipality_id, project_id, beneficiary_id)
      VALUES (gen_random_uuid(), ${record.protocol.year}, ${record.protocol.number}, ${record.protocol.text},
        ${inboundId}::uuid, ${record.kind}, ${record.service}, ${record.status}::request_status,
        ${record.receivedAt}, ${record.receivedOn}::date, ${record.senderAddress}, ${record.authenticatedSender},
        ${record.senderMunicipalityId}, ${record.threadMessageId}, ${JSON.stringify(record.fields)}::jsonb,
        ${JSON.stringify(record.problems)}::jsonb, ${record.municipalityId}, ${opened?.projectId ?? record.changes?.projectId ?? null}::uuid,
        ${opened?.beneficiaryId ?? null}::uuid)
      RETURNING id
    ),
    drafted AS (
      INSERT INTO contract (id, request_id, project_id, provider_id, state)
      SELECT gen_random_uuid(), request.id, ${opened?.projectId ?? null}::uuid, ${providerId}::uuid,
        'draft'::contract_state
      FROM request WHERE ${opened !== null}
      RETURNING id
    ),
    first_change AS (
      INSERT INTO contract_state_change (contract_id, from_state, to_state, actor)
      SELECT id, NULL, 'draft'::contract_state, 'sportello' FROM drafted
    )
    SELECT id::text AS id FROM request`;
  return rows[0]!.id;
}
