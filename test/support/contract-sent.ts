import { PrismaContractDecisions } from '../../prisma/repositories/prisma-contract-decisions.js';
import { sadActivation } from '../domain/draft-fixtures.js';
import { acceptedRequest } from './accepted-request.js';
import type { startInProcess } from './in-process-sportello.js';
import type { CapturedMail, SmtpCapture } from './smtp-capture.js';

/**
 * An accepted request (a beneficiary of its own, by `serial`) whose contract staff approved and
 * Sportello e-mailed to the provider: the message the provider received, to answer in its thread.
 */
export async function contractSentToProvider(
  sportello: Awaited<ReturnType<typeof startInProcess>>,
  capture: SmtpCapture,
  serial: number,
): Promise<{ contractId: string; protocol: string; mail: CapturedMail }> {
  const { protocol, contractId } = await acceptedRequest(sportello.database, {
    draft: sadActivation({
      beneficiary: {
        surname: 'Risposta',
        name: `Ente${serial}`,
        taxCode: `RSPENT${String(serial).padStart(10, '0')}`,
      },
    }),
  });
  const decisions = new PrismaContractDecisions(sportello.database);
  await sportello.contracts.drafts.ensureDocument(contractId!);
  await decisions.decide({
    contractId: contractId!,
    expectedVersion: 0,
    decision: 'approved',
    actor: { teamsUserId: 'staff-test', displayName: 'Ufficio (test)' },
    reason: null,
  });
  await sportello.contracts.dispatch.afterDecision(contractId!);
  sportello.outbox.wake();
  const mail = await capture.waitFor(
    (message) => message.parsed.subject === `Contratto di avvio del servizio – pratica n. ${protocol}`,
    20_000,
  );
  return { contractId: contractId!, protocol, mail };
}
