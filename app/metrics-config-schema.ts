import { z } from 'zod';
import { booleanFlag } from './mail-config-schema.js';

/** Where the metrics go (issue 27): both off by default. */
export const metricsConfigFields = {
  METRICS_PROMETHEUS: booleanFlag
    .default(false)
    .describe("serve Prometheus metrics at `/metrics` on Sportello's HTTP server (no personal data in them)"),
  METRICS_TOKEN: z
    .string()
    .min(24)
    .optional()
    .describe(
      'the bearer token Prometheus sends to read `/metrics` (`Authorization: Bearer …`); required in production when it is served',
    ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .url()
    .optional()
    .describe(
      'an OpenTelemetry collector (OTLP over HTTP, e.g. `http://127.0.0.1:4318`): metrics are pushed to `<endpoint>/v1/metrics`',
    ),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce
    .number()
    .int()
    .min(1000)
    .default(60_000)
    .describe('milliseconds between two OTLP exports'),
};
