import type { ReceivedDocument } from '../../services/intake/message-reader.js';
import type { Sql } from '../database/sql.js';

/**
 * The files each message brought and their impronta, in one statement inside the intake's
 * transaction. A message read again after a crash finds its rows there: they are never rewritten
 * (the database refuses any change to them).
 */
export async function insertReceivedDocuments(
  sql: Sql,
  entries: readonly { readonly inboundId: string; readonly documents?: readonly ReceivedDocument[] }[],
): Promise<void> {
  const rows = entries.flatMap(({ inboundId, documents }) =>
    (documents ?? []).map((document) => ({
      inbound_message_id: inboundId,
      position: document.position,
      file_name: document.fileName,
      media_type: document.mediaType,
      size_bytes: document.sizeBytes,
      sha256: document.sha256,
    })),
  );
  if (rows.length === 0) return;
  await sql.run`
    INSERT INTO received_document (id, inbound_message_id, position, file_name, media_type, size_bytes, sha256)
    SELECT gen_random_uuid(), row.inbound_message_id, row.position, row.file_name, row.media_type,
      row.size_bytes, row.sha256
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS row(inbound_message_id uuid, position int,
      file_name text, media_type text, size_bytes int, sha256 text)
    ON CONFLICT (inbound_message_id, position) DO NOTHING`;
}
