import type { IntakeStore } from './intake-store.js';

/**
 * The automatic replies each sender got in the last hour, read once per sender and batch and
 * then kept up to date here: a backlog of one Comune's requests costs one count, not one each.
 */
export class ReplyCounts {
  private readonly counts = new Map<string, Promise<number>>();

  constructor(
    private readonly store: IntakeStore,
    private readonly clock: () => Date,
  ) {}

  lastHour(address: string): Promise<number> {
    let count = this.counts.get(address);
    if (!count) {
      count = this.store.countRepliesTo(address, new Date(this.clock().getTime() - 3_600_000));
      this.counts.set(address, count);
    }
    return count;
  }

  /** One more reply to `address` was just committed. */
  added(address: string): void {
    const count = this.counts.get(address);
    if (count)
      this.counts.set(
        address,
        count.then((value) => value + 1),
      );
  }
}
