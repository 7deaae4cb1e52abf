import { isStaff } from '../access/refusal.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { scopeOf, type Caller, type CallerScope } from '../access/caller.js';
import { viewerOf, type ReadLog } from '../access/read-log.js';
import { requestTimeline, type HistoryEvent, type RequestRecordSource } from '../history/request-timeline.js';

/** What the list of requests is filtered and ordered by, as the console's form sends it. */
export interface RequestFilters {
  readonly municipalityId: string | null;
  readonly service: string | null;
  readonly status: string | null;
  readonly from: CalendarDate | null;
  readonly to: CalendarDate | null;
  /** Protocol number, codice fiscale or surname, in part. */
  readonly text: string | null;
  readonly sort: 'newest' | 'oldest';
  /** 1-based. */
  readonly page: number;
}

/** One request as the list shows it. */
export interface RequestRow {
  readonly protocol: string;
  readonly receivedAt: Date;
  readonly kind: string;
  readonly service: string | null;
  readonly status: string;
  readonly beneficiary: string | null;
  readonly taxCode: string | null;
  readonly municipality: string | null;
  /** The contract the request led to, if any (staff act on it from the request's page). */
  readonly contractId: string | null;
}

/** What the console's request pages need from the database, always within the caller's scope. */
export interface ConsoleRequestStore {
  /** One page of the requests the scope may see, and how many there are in all. */
  listRequests(
    scope: CallerScope,
    filters: RequestFilters,
    pageSize: number,
  ): Promise<{ rows: RequestRow[]; total: number }>;
  /** The request as the list shows it, or null when it does not exist or is outside the scope. */
  requestInScope(scope: CallerScope, protocol: string): Promise<RequestRow | null>;
  /** The Comuni a scope's filter may offer. */
  municipalities(scope: CallerScope): Promise<{ id: string; name: string }[]>;
}

const sharedEvents = ['messaggio ricevuto', 'contratto:', 'variazione', 'cessazione'];

/** Rows per page: the server pages, so that no query is unbounded. */
export const requestPageSize = 25;

/**
 * The office's register of requests as the console shows it (issue #16): a page of the list, and
 * one request with its whole story. Scope is enforced here and in every query: staff see every
 * request, a social worker her Comune's (and those it co-pays), a provider those of its projects.
 */
export class RequestRegister {
  constructor(
    private readonly store: ConsoleRequestStore,
    private readonly history: RequestRecordSource,
    private readonly reads: ReadLog,
  ) {}

  async list(caller: Caller, filters: RequestFilters) {
    const scope = scopeOf(caller);
    const [{ rows, total }, municipalities] = await Promise.all([
      this.store.listRequests(scope, filters, requestPageSize),
      this.store.municipalities(scope),
    ]);
    return { rows, total, pages: Math.max(1, Math.ceil(total / requestPageSize)), municipalities };
  }

  /** The request and its timeline; null when it does not exist or the caller may not see it (the same answer). */
  async request(
    caller: Caller,
    protocol: string,
  ): Promise<{ request: RequestRow; timeline: HistoryEvent[] } | null> {
    const request = await this.store.requestInScope(scopeOf(caller), protocol);
    if (!request) return null;
    const records = await this.history.recordsOf(protocol);
    if (!records) return null;
    await viewerOf(this.reads, caller).saw('console_request_page', [{ protocol }]);
    // Outside staff, the story keeps what concerns every side (the mail in, the contract, the
    // changes to the project): not the office's audit, reminders or messages to others.
    const timeline = requestTimeline(records).filter(
      (event) => isStaff(caller) || sharedEvents.some((start) => event.what.startsWith(start)),
    );
    return { request, timeline };
  }
}
