import type { IntakeStore } from './intake-store.js';

/** Whose automatic replies are counted: one authenticated sender, or all the offices of one Comune. */
export type ReplyCounter = { readonly sender: string } | { readonly municipalityId: string };

/**
 * The requests each sender and each Comune filed in the last hour, read once per batch and then
 * kept up to date here: a backlog of one Comune's requests costs one count, not one each. Counted
 * by the authenticated sender, never by Reply-To, which the sender chooses freely.
 */
export class ReplyCounts {
  private readonly counts = new Map<string, Promise<number>>();

  constructor(
    private readonly store: IntakeStore,
    private readonly clock: () => Date,
  ) {}

  lastHour(counter: ReplyCounter): Promise<number> {
    const key = keyOf(counter);
    let count = this.counts.get(key);
    if (!count) {
      count = this.store.countRequestsFrom(counter, new Date(this.clock().getTime() - 3_600_000));
      this.counts.set(key, count);
    }
    return count;
  }

  /** One more request of `counter` was just committed. */
  added(counter: ReplyCounter): void {
    const key = keyOf(counter);
    const count = this.counts.get(key);
    if (count)
      this.counts.set(
        key,
        count.then((value) => value + 1),
      );
  }
}

function keyOf(counter: ReplyCounter): string {
  return 'sender' in counter ? `sender:${counter.sender}` : `municipality:${counter.municipalityId}`;
}
