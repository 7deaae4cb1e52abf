/** Starts `map` on every item, at most `limit` at a time, in order; one promise per item. */
export function startWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R>[] {
  const settle = items.map(() => {
    let resolve!: (value: R) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<R>((ok, fail) => ((resolve = ok), (reject = fail)));
    promise.catch(() => undefined); // rethrown to whoever awaits it; never unhandled meanwhile
    return { promise, resolve, reject };
  });
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await map(items[index]!).then(settle[index]!.resolve, settle[index]!.reject);
    }
  };
  for (let i = 0; i < Math.min(limit, items.length); i += 1) void worker();
  return settle.map((entry) => entry.promise);
}
