import { z } from 'zod';
import { AppError } from '../domain/app-error.js';

const port = z.coerce.number().int().min(0).max(65_535);

/** Everything Sportello reads from its environment, parsed once at start-up. */
const configSchema = z.object({
  SPORTELLO_MODE: z.enum(['development', 'production']).default('development'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The parsed configuration handed to the composition root. */
export interface SportelloConfig {
  readonly mode: 'development' | 'production';
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
}

/**
 * Parses the environment into a config; the only place that reads `process.env`. Every problem is
 * listed in one error so a misconfigured server tells everything at once.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): SportelloConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('invalid_configuration', `Invalid configuration: ${details.join('; ')}`, {
      details: { issues: details },
    });
  }
  const values = parsed.data;
  return {
    mode: values.SPORTELLO_MODE,
    http: { host: values.HTTP_HOST, port: values.HTTP_PORT },
    logLevel: values.LOG_LEVEL,
  };
}
