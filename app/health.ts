/** The state of one part of Sportello as `GET /health` reports it. */
export interface ComponentHealth {
  readonly ok: boolean;
  readonly detail?: string;
}

/** Something the health endpoint can ask how it is. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<ComponentHealth>;
}

/** Asks every component at once; a check that throws or hangs counts as down. */
export async function collectHealth(checks: readonly HealthCheck[], timeoutMs = 2000) {
  const entries = await Promise.all(
    checks.map(async (component) => {
      try {
        const result = await Promise.race([
          component.check(),
          new Promise<ComponentHealth>((resolve) =>
            setTimeout(() => resolve({ ok: false, detail: 'timeout' }), timeoutMs).unref(),
          ),
        ]);
        return [component.name, result] as const;
      } catch (error) {
        return [component.name, { ok: false, detail: (error as Error).message }] as const;
      }
    }),
  );
  const components = Object.fromEntries(entries);
  return { ok: entries.every(([, result]) => result.ok), components };
}
