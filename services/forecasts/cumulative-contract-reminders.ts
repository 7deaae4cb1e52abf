import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import type { ReminderResult } from '../contracts/contract-overdue.js';
import { noticeEmail } from '../outbox/notice-email.js';
import { emailMessage, staffRecipient, teamsText } from '../outbox/outbox-message.js';
import type { CumulativeContractStore, CumulativeContractView } from './cumulative-contract-steps.js';

const describe = (contract: CumulativeContractView) =>
  `il contratto cumulativo ${serviceLabel(contract.service)} del Comune di ${contract.municipality} per ${contract.provider.name} (${contract.beneficiaries} ${contract.beneficiaries === 1 ? 'beneficiario' : 'beneficiari'})`;

const skipped = (outcome: string): ReminderResult => ({ state: 'skipped', outcome, outbox: [] });

/**
 * The scheduler's reminders of a cumulative contract, each checking first whether the step it
 * reminds of has been done meanwhile (seed l. 353-371, 1831-1851).
 */
export class CumulativeContractReminders {
  constructor(
    private readonly store: Pick<CumulativeContractStore, 'cumulativeContract'>,
    private readonly office: { messageIdDomain: string; signature: readonly string[] },
  ) {}

  /** The morning after the contract was due to reach the provider: staff, if it has not been sent. */
  async due(payload: Readonly<Record<string, unknown>>): Promise<ReminderResult> {
    const contract = await this.find(payload);
    if (!contract) return skipped('contratto cumulativo non trovato');
    if (contract.state !== 'due') return skipped('nessun avviso: contratto già trasmesso');
    const text = `⏰ Scadenza superata: ${describe(contract)} doveva essere trasmesso all'ente entro il ${formatLongItalianDate(contract.dueOn)}. Una volta inviato, segnarlo sulla scheda del contratto.`;
    return {
      state: 'sent',
      outcome: 'avviso allo staff: contratto cumulativo non trasmesso',
      outbox: [teamsText(`cumulative-due-staff:${contract.id}`, staffRecipient, text)],
    };
  }

  /** The morning after the signed copy was due back: the provider by e-mail and staff, if not returned. */
  async dueBack(payload: Readonly<Record<string, unknown>>): Promise<ReminderResult> {
    const contract = await this.find(payload);
    if (!contract) return skipped('contratto cumulativo non trovato');
    if (contract.state !== 'sent' || !contract.dueBackOn || !contract.sentOn)
      return skipped(`nessun sollecito: contratto nello stato «${contract.state}»`);
    const dueBack = formatLongItalianDate(contract.dueBackOn);
    const email = noticeEmail({
      to: contract.provider.email,
      subject: `Sollecito: contratto cumulativo di avvio del servizio ${serviceLabel(contract.service)} – Comune di ${contract.municipality}`,
      paragraphs: [
        `Spett.le ${contract.provider.name},`,
        `il contratto cumulativo di avvio del servizio ${serviceLabel(contract.service)} per i beneficiari del Comune di ${contract.municipality} in continuità, trasmesso il ${formatLongItalianDate(contract.sentOn)}, doveva essere restituito firmato entro il ${dueBack} (${contract.returnWorkingDays} giorni lavorativi dal ricevimento). Vi chiediamo di restituirlo al più presto, comunicando all'assistente sociale del Comune i nominativi degli operatori incaricati.`,
      ],
      messageId: `<sollecito-cumulativo.${contract.id}@${this.office.messageIdDomain}>`,
      signature: this.office.signature,
    });
    return {
      state: 'sent',
      outcome: "sollecito inviato all'ente e avviso allo staff",
      outbox: [
        emailMessage(`cumulative-due-back:${contract.id}`, email),
        teamsText(
          `cumulative-due-back-staff:${contract.id}`,
          staffRecipient,
          `⏰ ${describe(contract)}: la copia firmata doveva tornare entro il ${dueBack}. L'ente è stato sollecitato.`,
        ),
      ],
    };
  }

  /** A week before the fase D deadline: staff, if it is not marked as entered in Gecas. */
  async phaseD(payload: Readonly<Record<string, unknown>>): Promise<ReminderResult> {
    const contract = await this.find(payload);
    if (!contract) return skipped('contratto cumulativo non trovato');
    if (contract.phaseDDoneOn) return skipped('nessun avviso: fase D già inserita');
    const text = `📅 Fase D in Gecas da inserire entro il ${formatLongItalianDate(contract.phaseDDueOn)} per ${describe(contract)}: gli utenti in continuità devono poter registrare le prestazioni dall'inizio del periodo.`;
    return {
      state: 'sent',
      outcome: 'avviso allo staff: fase D da inserire',
      outbox: [teamsText(`cumulative-phase-d-staff:${contract.id}`, staffRecipient, text)],
    };
  }

  private async find(payload: Readonly<Record<string, unknown>>): Promise<CumulativeContractView | null> {
    const id = payload['cumulativeContractId'];
    return typeof id === 'string' ? this.store.cumulativeContract(id) : null;
  }
}
