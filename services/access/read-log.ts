import type { Caller } from './caller.js';

/** What was seen: each place that shows a beneficiary's data records its own kind of view. */
export const readActions = [
  'console_request_page',
  'console_document',
  'contract_document_link',
  'bot_budget',
  'bot_projects',
  'bot_request_status',
  'command_history',
  'command_segnatura',
  'command_daily_register',
  'beneficiary_export',
] as const;
export type ReadAction = (typeof readActions)[number];

/** A recorded view as staff read it in the console and the command. */
export function readActionLabel(action: string): string {
  return (readActions as readonly string[]).includes(action)
    ? readActionLabels[action as ReadAction]
    : action;
}

const readActionLabels: Record<ReadAction, string> = {
  console_request_page: 'pagina della pratica (console)',
  console_document: 'documento della pratica scaricato (console)',
  contract_document_link: 'contratto scaricato dal collegamento della scheda (Teams)',
  bot_budget: 'budget del progetto (Teams)',
  bot_projects: 'elenco dei progetti (Teams)',
  bot_request_status: 'stato della pratica (Teams)',
  command_history: 'storia della pratica (npm run history)',
  command_segnatura: 'segnatura della pratica (npm run register:segnatura)',
  command_daily_register: 'registro giornaliero (npm run register:daily)',
  beneficiary_export: 'esportazione dei dati della persona (art. 15 GDPR)',
};

/** Whose data was seen: the beneficiary, or the request or codice fiscale that names them. */
export type ReadTarget =
  { readonly protocol: string } | { readonly taxCode: string } | { readonly projectId: string };

/** One view of a beneficiary's data. */
export interface ReadEntry {
  /** The viewer: a Teams user's id, or `comando:<utente del sistema>` for the office's commands. */
  readonly actor: string;
  readonly actorName: string;
  readonly role: string;
  readonly action: ReadAction;
  readonly target: ReadTarget;
}

/**
 * The read log (GDPR art. 5 c. 2 and 32): append-only, kept at least 24 months. Writing it is part
 * of showing the data: a view that cannot be recorded is not shown.
 */
export interface ReadLog {
  record(entries: readonly ReadEntry[]): Promise<void>;
}

/** A viewer's views, recorded as they happen. */
export class Viewer {
  constructor(
    private readonly log: ReadLog,
    private readonly who: Pick<ReadEntry, 'actor' | 'actorName' | 'role'>,
  ) {}

  /** Records that the viewer was shown the data of the beneficiaries behind `targets`. */
  async saw(action: ReadAction, targets: readonly ReadTarget[]): Promise<void> {
    if (targets.length === 0) return;
    await this.log.record(targets.map((target) => ({ ...this.who, action, target })));
  }
}

/** The viewer of a caller signed in to the bot or the console. */
export function viewerOf(log: ReadLog, caller: Caller): Viewer {
  return new Viewer(log, { actor: caller.teamsUserId, actorName: caller.displayName, role: caller.role });
}

/** The viewer of an office command, run by a user of the server. */
export function commandViewer(log: ReadLog, systemUser: string): Viewer {
  return new Viewer(log, { actor: `comando:${systemUser}`, actorName: systemUser, role: 'staff' });
}

/** One view as staff read it back. */
export interface RecordedRead {
  readonly at: Date;
  readonly actorName: string;
  readonly role: string;
  /** A {@link ReadAction}, as stored. */
  readonly action: string;
  readonly protocol: string | null;
}

/** Where staff read who saw a beneficiary's data. */
export interface ReadLogQuery {
  /** The beneficiary's name and the views of their data, newest first; null when unknown. */
  readsOf(
    taxCode: string,
    limit: number,
  ): Promise<{ readonly beneficiary: string; readonly reads: readonly RecordedRead[] } | null>;
}
