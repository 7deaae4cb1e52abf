import { timingSafeEqual } from 'node:crypto';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Histogram, Counter, Meter } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Express } from 'express';
import type { IntakeListener } from '../services/intake/intake-commits.js';

/** Where metrics go: a Prometheus `/metrics` on Sportello's server, and/or an OTLP collector. */
export interface MetricsConfig {
  readonly prometheus: boolean;
  /** The bearer token `/metrics` asks for; null: open (development only, config refuses it in production). */
  readonly token: string | null;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: the collector's base URL; null = no OTLP export. */
  readonly otlpEndpoint: string | null;
  readonly otlpIntervalMs: number;
}

/** Readings taken when metrics are collected (each a cheap query or a counter read). */
export interface MetricsGauges {
  outbox(): Promise<{ pending: number; failed: number; oldestPendingSeconds: number }>;
  databasePool(): { total: number; idle: number; waiting: number };
  /** The reader threads' queue; null while the mail side is not wired (or reads in-thread). */
  readerLoad(): { waiting: number; busy: number } | null;
}

/**
 * Sportello's metrics (OpenTelemetry): off unless `METRICS_PROMETHEUS` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set. No attribute carries personal data: outcomes and kinds only.
 */
export class SportelloMetrics {
  private readonly provider: MeterProvider;
  private readonly messages: Counter;
  private readonly intakeSeconds: Histogram;
  private readonly readSeconds: Histogram;
  private readonly turnSeconds: Histogram;
  /** The event loop's delays since the last collection (10 ms resolution). */
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  private constructor(readers: MetricReader[], gauges: MetricsGauges) {
    this.provider = new MeterProvider({
      readers,
      resource: resourceFromAttributes({ 'service.name': 'sportello' }),
    });
    const meter: Meter = this.provider.getMeter('sportello');
    this.messages = meter.createCounter('sportello_messages', {
      description: 'messages handled, by outcome: received, answered, to_staff, quarantined',
    });
    this.intakeSeconds = meter.createHistogram('sportello_intake_duration_seconds', {
      description: 'from the receipt of a message to its reply queued in the outbox',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60] },
    });
    this.readSeconds = meter.createHistogram('sportello_mail_read_duration_seconds', {
      description: 'reading a message on a reader thread, by whether a scan in it was read by OCR',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 60] },
    });
    this.turnSeconds = meter.createHistogram('sportello_bot_turn_duration_seconds', {
      description: "the Teams bot's turns, by activity type (message, invoke for card actions…)",
      unit: 's',
      advice: { explicitBucketBoundaries: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5] },
    });
    const readerQueue = meter.createObservableGauge('sportello_mail_reader_queue', {
      description: 'messages waiting for a reader thread (waiting) and being read (busy)',
    });
    const loopDelay = meter.createObservableGauge('sportello_event_loop_delay_max_seconds', {
      description:
        "the event loop's worst delay since the previous collection: how long the bot, the console and the mailbox waited",
      unit: 's',
    });
    this.loopDelay.enable();
    const outbox = meter.createObservableGauge('sportello_outbox_messages', {
      description: 'outbox messages not yet sent, by state',
    });
    const oldest = meter.createObservableGauge('sportello_outbox_oldest_pending_age_seconds', {
      description: 'age of the oldest message waiting to be sent',
      unit: 's',
    });
    const pool = meter.createObservableGauge('sportello_database_pool_connections', {
      description: "the database pool's connections, by state (total, idle, waiting clients)",
    });
    meter.addBatchObservableCallback(
      async (result) => {
        const state = await gauges.outbox();
        result.observe(outbox, state.pending, { state: 'pending' });
        result.observe(outbox, state.failed, { state: 'failed' });
        result.observe(oldest, state.oldestPendingSeconds);
        const connections = gauges.databasePool();
        for (const [state, value] of Object.entries(connections)) result.observe(pool, value, { state });
        result.observe(loopDelay, this.loopDelay.count > 0 ? this.loopDelay.max / 1e9 : 0);
        this.loopDelay.reset();
        const load = gauges.readerLoad();
        if (load)
          for (const [state, value] of Object.entries(load)) result.observe(readerQueue, value, { state });
      },
      [outbox, oldest, pool, readerQueue, loopDelay],
    );
  }

  /** The metrics the configuration asks for, or null; `/metrics` is mounted on `app` when asked. */
  static start(config: MetricsConfig, app: Express, gauges: MetricsGauges): SportelloMetrics | null {
    const readers: MetricReader[] = [];
    if (config.prometheus) {
      const prometheus = new PrometheusExporter({ preventServerStart: true });
      const expected = config.token ? Buffer.from(`Bearer ${config.token}`) : null;
      app.get('/metrics', (request, response) => {
        const given = Buffer.from(request.get('authorization') ?? '');
        if (expected && (given.length !== expected.length || !timingSafeEqual(given, expected))) {
          response.status(401).type('text/plain; charset=utf-8').send('Token mancante o non valido.');
          return;
        }
        prometheus.getMetricsRequestHandler(request, response);
      });
      readers.push(prometheus);
    }
    if (config.otlpEndpoint)
      readers.push(
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: `${config.otlpEndpoint.replace(/\/$/, '')}/v1/metrics` }),
          exportIntervalMillis: config.otlpIntervalMs,
        }),
      );
    return readers.length > 0 ? new SportelloMetrics(readers, gauges) : null;
  }

  /** Counts each message the intake handled, and how long its reply took to be queued. */
  readonly intakeListener: IntakeListener = (event) => {
    this.messages.add(1, { outcome: 'received' });
    if (event.disposition === 'staff') this.messages.add(1, { outcome: 'to_staff' });
    if (event.disposition === 'quarantine') this.messages.add(1, { outcome: 'quarantined' });
    if (event.disposition === 'processed' && event.protocol) {
      this.messages.add(1, { outcome: 'answered' });
      if (event.receivedAt)
        this.intakeSeconds.record((Date.now() - event.receivedAt.getTime()) / 1000, { kind: event.kind });
    }
  };

  /** Records the time a message took on a reader thread (the OCR time, for scans). */
  readonly readListener = (timing: { seconds: number; ocr: boolean }): void => {
    this.readSeconds.record(timing.seconds, { ocr: String(timing.ocr) });
  };

  /** Records a bot turn's time. */
  readonly turnListener = (turn: { seconds: number; type: string }): void => {
    this.turnSeconds.record(turn.seconds, { type: turn.type });
  };

  async stop(): Promise<void> {
    this.loopDelay.disable();
    await this.provider.shutdown();
  }
}
