import { randomUUID } from 'node:crypto';
import type { IntakeDecision, RequestRecord } from '../../services/intake/intake-store.js';
import type { Sql } from '../database/sql.js';

/** One message of a group, decided, with the provider its project is given to. */
export interface GroupEntry {
  readonly inboundId: string;
  readonly decision: IntakeDecision;
  readonly providerId: string | null;
}

/** The ids a group's requests were written under, in the group's order (null: no request). */
export type WrittenRequests = readonly (string | null)[];

/**
 * Marks every message of the group handled in one statement; false when one of them had been
 * completed by someone else meanwhile (then nothing of the group should be written).
 */
export async function claimGroup(sql: Sql, entries: readonly GroupEntry[]): Promise<boolean> {
  const rows = entries.map(({ inboundId, decision }) => ({
    id: inboundId,
    state: decision.state,
    kind: decision.kind,
    reason: decision.quarantineReason ?? null,
    forward_reason: decision.forward?.reason ?? null,
    forward_note: decision.forward?.note ?? null,
    forward_from: decision.forward?.from ?? null,
    forward_subject: decision.forward?.subject ?? null,
  }));
  const claimed = await sql.run`
    UPDATE inbound_message AS message
    SET state = input.state::inbound_state, kind = input.kind, quarantine_reason = input.reason,
        forward_reason = input.forward_reason, forward_note = input.forward_note,
        forward_from = input.forward_from, forward_subject = input.forward_subject,
        processed_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS input(id uuid, state text, kind text, reason text, forward_reason text, forward_note text,
               forward_from text, forward_subject text)
    WHERE message.id = input.id AND message.state = 'registered'`;
  return claimed === entries.length;
}

/**
 * Takes the group's protocol numbers of one year in one statement. Returns null when they are the
 * numbers the group was decided under, else the first number the counter gave.
 */
export async function takeGroupNumbers(
  sql: Sql,
  year: number,
  numbers: readonly number[],
): Promise<number | null> {
  const rows = await sql.rows<{ last_number: number }>`
    INSERT INTO protocol_counter (year, last_number) VALUES (${year}, ${numbers.length})
    ON CONFLICT (year) DO UPDATE SET last_number = protocol_counter.last_number + ${numbers.length}
    RETURNING last_number`;
  const first = Number(rows[0]!.last_number) - numbers.length + 1;
  return numbers.every((number, index) => number === first + index) ? null : first;
}

/**
 * Writes the requests of a group (or of one message) in one statement: the beneficiaries (created or refreshed, the
 * last form winning), the pending projects, the requests, and the draft contracts with their
 * first state change. Ids are chosen here, so that the statement needs no row correlation.
 */
export async function insertGroupRequests(
  sql: Sql,
  entries: readonly GroupEntry[],
): Promise<WrittenRequests> {
  const written = entries.map(({ decision }) => (decision.request ? randomUUID() : null));
  const rows = entries.flatMap(({ inboundId, decision, providerId }, ord) =>
    decision.request ? [groupRow(ord, written[ord]!, inboundId, decision.request, providerId)] : [],
  );
  if (rows.length === 0) return written;
  await sql.run`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS row(
        ord int, request_id uuid, protocol_year int, protocol_number int, protocol text, inbound_id uuid,
        kind text, service text, status text, received_at timestamptz, received_on date,
        sender_address text, authenticated_sender text, sender_municipality_id text,
        thread_message_id text, subject text, fields jsonb, problems jsonb, municipality_id text,
        project_id uuid, changed_project_id uuid, contract_id uuid, provider_id uuid, tax_code text, surname text, name text,
        birth_date date, person_municipality_id text, project_service text,
        co_paying_municipality_id text, co_paying_outside_ambito text, start_date date, end_date date,
        annual_minutes int, committed_budget_cents int, operator_profile text, upper_secondary boolean,
        placed_minor boolean, day_unit_id text)
    ),
    person AS (
      INSERT INTO beneficiary (id, tax_code, surname, name, birth_date, municipality_id)
      SELECT DISTINCT ON (tax_code) gen_random_uuid(), tax_code, surname, name, birth_date,
        person_municipality_id
      FROM input WHERE project_id IS NOT NULL ORDER BY tax_code, ord DESC
      ON CONFLICT (tax_code) DO UPDATE
        SET surname = EXCLUDED.surname, name = EXCLUDED.name, municipality_id = EXCLUDED.municipality_id
      RETURNING id, tax_code
    ),
    opened AS (
      INSERT INTO project (id, beneficiary_id, service, municipality_id, co_paying_municipality_id,
        co_paying_outside_ambito, provider_id, start_date, end_date, annual_minutes,
        committed_budget_cents, operator_profile, upper_secondary, placed_minor, day_unit_id, status)
      SELECT input.project_id, person.id, input.project_service, input.person_municipality_id,
        input.co_paying_municipality_id, input.co_paying_outside_ambito, input.provider_id,
        input.start_date, input.end_date, input.annual_minutes, input.committed_budget_cents,
        input.operator_profile, input.upper_secondary, input.placed_minor, input.day_unit_id,
        'pending'::project_status
      FROM input JOIN person ON person.tax_code = input.tax_code
      WHERE input.project_id IS NOT NULL
    ),
    request AS (
      INSERT INTO request (id, protocol_year, protocol_number, protocol, inbound_message_id, kind, service,
        status, received_at, received_on, sender_address, authenticated_sender, sender_municipality_id,
        thread_message_id, subject, fields, problems, municipality_id, project_id, beneficiary_id)
      SELECT input.request_id, input.protocol_year, input.protocol_number, input.protocol,
        input.inbound_id, input.kind, input.service, input.status::request_status, input.received_at,
        input.received_on, input.sender_address, input.authenticated_sender,
        input.sender_municipality_id, input.thread_message_id, input.subject, input.fields, input.problems,
        input.municipality_id, COALESCE(input.project_id, input.changed_project_id), person.id
      FROM input LEFT JOIN person ON input.project_id IS NOT NULL AND person.tax_code = input.tax_code
    ),
    drafted AS (
      INSERT INTO contract (id, request_id, project_id, provider_id, state)
      SELECT contract_id, request_id, project_id, provider_id, 'draft'::contract_state
      FROM input WHERE project_id IS NOT NULL
      RETURNING id
    )
    INSERT INTO contract_state_change (contract_id, from_state, to_state, actor)
    SELECT id, NULL, 'draft'::contract_state, 'sportello' FROM drafted`;
  return written;
}

/** The record of one request of a group, as the statement's JSON input reads it. */
function groupRow(
  ord: number,
  requestId: string,
  inboundId: string,
  record: RequestRecord,
  providerId: string | null,
) {
  const opens = record.opens;
  return {
    ord,
    request_id: requestId,
    protocol_year: record.protocol.year,
    protocol_number: record.protocol.number,
    protocol: record.protocol.text,
    inbound_id: inboundId,
    kind: record.kind,
    service: record.service,
    status: record.status,
    received_at: record.receivedAt.toISOString(),
    received_on: record.receivedOn,
    sender_address: record.senderAddress,
    authenticated_sender: record.authenticatedSender,
    sender_municipality_id: record.senderMunicipalityId,
    thread_message_id: record.threadMessageId,
    subject: record.subject,
    fields: record.fields,
    problems: record.problems,
    municipality_id: record.municipalityId,
    // A variation or cessation is filed under the project it changes.
    changed_project_id: record.changes?.projectId ?? null,
    ...(opens
      ? {
          project_id: randomUUID(),
          contract_id: randomUUID(),
          provider_id: providerId,
          tax_code: opens.beneficiary.taxCode,
          surname: opens.beneficiary.surname,
          name: opens.beneficiary.name,
          birth_date: opens.beneficiary.birthDate,
          person_municipality_id: opens.beneficiary.municipalityId,
          project_service: opens.service,
          co_paying_municipality_id: opens.coPayingMunicipalityId,
          co_paying_outside_ambito: opens.coPayingOutsideAmbito,
          start_date: opens.startDate,
          end_date: opens.endDate,
          annual_minutes: opens.annualMinutes,
          committed_budget_cents: opens.committedBudgetCents,
          operator_profile: opens.operatorProfile,
          upper_secondary: opens.upperSecondary,
          placed_minor: opens.placedMinor,
          day_unit_id: opens.dayUnitId,
        }
      : {}),
  };
}
