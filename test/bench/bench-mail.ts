import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ImapFlow } from 'imapflow';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';
import { activationLines, composeEml, docxWith, pdfWithLines } from '../support/compose-mail.js';
import { appendMessages, ensureDovecot, imapClient, uniqueMailUser } from '../support/dovecot.js';
import { sadRequest } from '../support/generated-mail.js';
import { join } from 'node:path';
import {
  buildServer,
  projectRoot,
  serverNodeFlags,
  startSportelloProcess,
  type StartCommand,
} from '../support/start-process.js';
import { scratchPostgres } from '../support/test-databases.js';
import { triageMail } from '../../domain/triage/triage-mail.js';
import { percentile, report, round1 } from './percentiles.js';
import { imageOnlyPdf, scannedPage } from '../support/scanned-form.js';
import { beneficiaryFields, birthDateFor } from '../support/tax-codes.js';

// npm run bench:mail [-- --json]: acknowledgement latency next to bare IDLE latency, and the
// rate of a 1,000-message mixed backlog next to a bare fetch+parse of the same messages.
const latencySamples = Number(process.env.BENCH_LATENCY_SAMPLES ?? 120);
const backlogSize = Number(process.env.BENCH_BACKLOG ?? 1000);
const scanSamples = Number(process.env.BENCH_SCAN_SAMPLES ?? 24);
// Smaller than the main backlog: each scan costs about a second of OCR on this 2-core machine.
const scanBacklogSize = Number(process.env.BENCH_SCAN_BACKLOG ?? 300);
/** A one-page form as an office scanner writes it: a PDF holding only the picture of the page. */
const scannedForm = Buffer.from(await imageOnlyPdf(await scannedPage(activationLines({ sad: '[X]' }))));
const scanMessage = (id: string) =>
  composeEml({
    from: 'servizi.sociali@comune.crema.cr.it',
    to: 'amministrazione@comunitasocialecremasca.it',
    subject: 'Richiesta SAD (scansione)',
    messageId: id,
    date: new Date(),
    text: 'In allegato la richiesta scansionata.',
    attachments: [{ filename: 'scansione.pdf', content: scannedForm }],
  });

ensureDovecot();
// Replies arrive at a sink on a thread of its own, in every phase: the benchmark's work stays off
// the event loop it measures.
const replies = await smtpSink();
const scratch = await scratchPostgres();
const env = {
  DATABASE_URL: scratch.url,
  DATABASE_MIGRATE_ON_START: 'true',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(replies.port),
  MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: '1000000',
  MAIL_MAX_REPLIES_PER_MUNICIPALITY_PER_HOUR: '1000000',
  // BENCH_CONTRACT_PDF=off measures the intake without the contracts' PDFs written behind it.
  ...(process.env.BENCH_CONTRACT_PDF ? { CONTRACT_PDF: process.env.BENCH_CONTRACT_PDF } : {}),
  // BENCH_READER_THREADS=2 measures with another reader thread than the default for this machine.
  ...(process.env.BENCH_READER_THREADS ? { MAIL_READER_THREADS: process.env.BENCH_READER_THREADS } : {}),
};

/**
 * The built server (build/start.js: what `npm start` and the Debian package run) in a process of its
 * own, on `user`'s mailbox, replying to `smtpPort`: the benchmark's work and its TypeScript loader stay
 * out of the process measured. Returns once it is ready, the mail side included.
 */
async function startServer(user: string, smtpPort: number) {
  const server = await startSportelloProcess(
    {
      ...env,
      IMAP_USER: user,
      SMTP_PORT: String(smtpPort),
      DEMO_DATA: 'false',
      DEMO_COUNTERPARTS: 'true',
      OUTBOX_POLL_INTERVAL_MS: '200',
      METRICS_PROMETHEUS: 'true',
    },
    60_000,
    serverCommand(),
  );
  while ((await fetch(`${server.url}/health/ready`)).status !== 200)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return server;
}

/**
 * The server as `npm start` runs it, with BENCH_NODE_ARGS before the script when given
 * (`--cpu-prof --cpu-prof-dir=/tmp/prof` profiles the server while it works).
 */
function serverCommand(): string | StartCommand {
  const script = join(projectRoot, 'build', 'start.js');
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  if (nodeArgs.length === 0) return script;
  buildServer();
  return { file: process.execPath, args: [...serverNodeFlags, ...nodeArgs, script], cwd: projectRoot };
}

/** The server's own event-loop worst delay since the previous scrape (its metric), in ms. */
async function serverLoopMaxMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith('sportello_event_loop_delay_max_seconds'));
  return Number(line?.trim().split(/\s+/).pop()) * 1000;
}

/** When the reply to `messageId` reached the benchmark (its sink's message on this thread). */
async function waitForReply(messageId: string, timeoutMs = 10_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const at = replies.replyAt(messageId);
    if (at !== undefined) return at;
    if (performance.now() > deadline) throw new Error(`no reply to ${messageId}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Bare IDLE: time from APPEND to the EXISTS notification on an idling connection. */
async function idleWatcher(user: string) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: 10143,
    secure: false,
    auth: { user, pass: 'secret' },
    logger: false,
    autoIdleDelay: 50,
  });
  await client.connect();
  await client.mailboxOpen('INBOX');
  let waiting: ((at: number) => void) | null = null;
  client.on('exists', () => waiting?.(performance.now()));
  return {
    next: () => new Promise<number>((resolve) => (waiting = resolve)),
    close: () => client.logout(),
  };
}

async function latencies() {
  const ackUser = uniqueMailUser('bench-ack');
  const idleUser = uniqueMailUser('bench-idle');
  const sportello = await startServer(ackUser, replies.port);
  const idle = await idleWatcher(idleUser);
  const sender = await imapClient(ackUser);
  const idleSender = await imapClient(idleUser);
  const ack: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < latencySamples + 5; i += 1) {
    const notified = idle.next();
    let started = performance.now();
    await idleSender.append('INBOX', sadRequest(`idle-${i}`));
    const idleMs = (await notified) - started;
    const id = `bench-ack-${i}-${Date.now()}`;
    started = performance.now();
    await sender.append('INBOX', sadRequest(id));
    const ackMs = (await waitForReply(`<${id}@comune.crema.cr.it>`)) - started;
    if (i >= 5) {
      bare.push(idleMs);
      ack.push(ackMs);
    }
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
  }
  const scans = await scanLatencies(sender, sportello.url);
  await sender.logout();
  await idleSender.logout();
  await idle.close();
  await sportello.stop();
  writeServerLog('latency', sportello.lines);
  return { ack, bare, ...scans };
}

/**
 * APPEND of a one-page scanned form → its acknowledgement, one at a time, with the server's event
 * loop's worst delay meanwhile (the OCR runs on the reader threads: the bot must keep answering).
 */
async function scanLatencies(sender: ImapFlow, serverUrl: string) {
  const scanAck: number[] = [];
  // Composed beforehand: encoding a scan is the benchmark's work, not Sportello's.
  const ids = Array.from(
    { length: scanSamples + 2 },
    (_, i) => `<bench-scan-${i}-${Date.now()}@comune.crema.cr.it>`,
  );
  const messages = await Promise.all(ids.map((id) => scanMessage(id)));
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i]!;
    // The first two warm up (the reader thread's first OCR, first-use code): measured from the third.
    if (i === 2) await serverLoopMaxMs(serverUrl); // the metric restarts at each scrape
    const started = performance.now();
    await sender.append('INBOX', messages[i]!);
    const ackMs = (await waitForReply(id, 30_000)) - started;
    if (i >= 2) scanAck.push(ackMs);
  }
  return { scanAck, eventLoopMaxDelayMs: await serverLoopMaxMs(serverUrl) };
}

/**
 * A backlog as an office gets one: every form about a person of its own (until stop 31 the PDF and
 * Word forms were all the same person's, so each after the first was a duplicate that had to wait
 * for the one before it to commit: 600 commits of one message in a 1,000-message run).
 */
async function backlogMessages(size: number, withScans: boolean): Promise<Buffer[]> {
  const messages: Buffer[] = [];
  for (let i = 0; i < size; i += 1) {
    const id = `<backlog-${i}-${Date.now()}@comune.crema.cr.it>`;
    const person = beneficiaryFields('Bianchi', 'Maria', birthDateFor(id));
    const base = {
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      messageId: id,
      date: new Date(),
    };
    if (withScans && i % 10 === 9) messages.push(await scanMessage(id));
    else if (i % 10 < 4) messages.push(Buffer.from(sadRequest(id.slice(1, -'@comune.crema.cr.it>'.length))));
    else if (i % 10 < 7)
      messages.push(
        await composeEml({
          ...base,
          subject: 'Richiesta SAD (PDF)',
          text: 'In allegato.',
          attachments: [
            {
              filename: 'richiesta.pdf',
              content: Buffer.from(await pdfWithLines(activationLines({ sad: '[X]', ...person }))),
            },
          ],
        }),
      );
    else
      messages.push(
        await composeEml({
          ...base,
          subject: 'Richiesta SAD (Word)',
          text: 'In allegato.',
          attachments: [
            { filename: 'richiesta.docx', content: Buffer.from(docxWith(activationLines(person))) },
          ],
        }),
      );
  }
  return messages;
}

/** An SMTP server on a worker thread that counts what it receives and notes what each answers. */
async function smtpSink() {
  const worker = new Worker(new URL('./smtp-sink-worker.mjs', import.meta.url));
  let received = 0;
  const answered = new Map<string, number>();
  const port = await new Promise<number>((resolve) =>
    worker.on('message', (message: { port?: number; received?: number; inReplyTo?: string | null }) => {
      if (message.port) resolve(message.port);
      if (message.received) received = message.received;
      if (message.inReplyTo && !answered.has(message.inReplyTo))
        answered.set(message.inReplyTo, performance.now());
    }),
  );
  return {
    port,
    received: () => received,
    replyAt: (messageId: string) => answered.get(messageId),
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

async function backlog() {
  const user = uniqueMailUser('bench-backlog');
  const messages = await backlogMessages(backlogSize, false);
  await appendMessages(user, messages);
  settleDisk();

  // Bare: fetch every source and parse it (MIME, PDF, DOCX) and triage it, nothing else.
  const client = await imapClient(user);
  await client.mailboxOpen('INBOX');
  const started = performance.now();
  const sources = await client.fetchAll('1:*', { uid: true, source: true });
  for (const message of sources) {
    const parsed = await parseMessage(message.source!, defaultMailLimits);
    await triageMail(parsed.mail, { ownAddresses: [], deliveredAt: new Date() });
  }
  const bareSeconds = (performance.now() - started) / 1000;
  await client.logout();

  return {
    backlogPerSec: await drained(user, messages.length),
    bareParsePerSec: messages.length / bareSeconds,
  };
}

/**
 * Writes the backlog's mailbox files to disk before anything is timed: otherwise the kernel flushes
 * them about 30 s after the APPENDs, in the middle of Sportello's run but after the bare one
 * (a kworker's 7 CPU-seconds in a 15 s run, measured per thread from /proc).
 */
function settleDisk(): void {
  execFileSync('sync');
}

/** The rate at which Sportello empties an inbox of `count` messages and answers them all. */
async function drained(user: string, count: number): Promise<number> {
  // The replies go to a sink on its own thread and the inbox is watched on one connection, so
  // that the benchmark's own work stays off the event loop it measures.
  const sink = await smtpSink();
  const watcher = await imapClient(user);
  const sportello = await startServer(user, sink.port); // ready, mail side included: not part of the rate
  const started = performance.now(); // the rate of processing (connection included), not of start-up
  const deadline = started + 30 * 60_000;
  let inboxEmptyAt = 0;
  for (;;) {
    const status = await watcher.status('INBOX', { messages: true });
    if (status && status.messages === 0 && !inboxEmptyAt) inboxEmptyAt = performance.now();
    if (status && status.messages === 0 && sink.received() >= count) break;
    // A message that went to staff or to quarantine gets no reply: say so rather than wait forever.
    if (performance.now() > deadline)
      throw new Error(
        `backlog not drained: ${status ? status.messages : '?'} in INBOX, ${sink.received()} of ${count} replies`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  // Where the time went: the inbox emptied (read, committed, moved) before the last reply left.
  process.stderr.write(
    `backlog of ${count}: inbox empty after ${((inboxEmptyAt - started) / 1000).toFixed(1)} s, last reply after ${seconds.toFixed(1)} s\n`,
  );
  await sportello.stop();
  writeServerLog(`backlog-${count}`, sportello.lines);
  await watcher.logout();
  await sink.stop();
  return count / seconds;
}

/** BENCH_SERVER_LOG=/tmp/server writes each server's output (with BENCH_NODE_ARGS=--trace-gc, say). */
function writeServerLog(phase: string, lines: readonly string[]): void {
  if (process.env.BENCH_SERVER_LOG)
    writeFileSync(`${process.env.BENCH_SERVER_LOG}-${phase}.log`, lines.join('\n'));
}

/** The same mix with one message in ten a scanned form (OCR), as a rate beside the plain one. */
async function scanBacklog(): Promise<number> {
  const user = uniqueMailUser('bench-scan-backlog');
  const messages = await backlogMessages(scanBacklogSize, true);
  await appendMessages(user, messages);
  settleDisk();
  return drained(user, messages.length);
}

const { ack, bare, scanAck, eventLoopMaxDelayMs } = await latencies();
const rates = await backlog();
const scanBacklogPerSec = await scanBacklog();
await replies.stop();
await scratch.drop();
const figures = {
  ackP50Ms: round1(percentile(ack, 50)),
  ackP95Ms: round1(percentile(ack, 95)),
  idleP95Ms: round1(percentile(bare, 95)),
  backlogPerSec: round1(rates.backlogPerSec),
  bareParsePerSec: round1(rates.bareParsePerSec),
  scanAckP50Ms: round1(percentile(scanAck, 50)),
  scanAckP95Ms: round1(percentile(scanAck, 95)),
  scanBacklogPerSec: round1(scanBacklogPerSec),
  eventLoopMaxDelayMs: round1(eventLoopMaxDelayMs),
};
report('bench:mail — the built server in its own process; Dovecot IDLE, SMTP sink, PostgreSQL', figures, {
  idleP50Ms: String(round1(percentile(bare, 50))),
  samples: `${ack.length} acknowledgements, backlog of ${backlogSize} (30% PDF, 30% DOCX); ${scanAck.length} scanned forms, backlog of ${scanBacklogSize} with 10% scans`,
  targets: `ack p95 ≤ 1.5 × idle p95 = ${round1(1.5 * percentile(bare, 95))} ms; backlog ≥ 0.5 × bare = ${round1(0.5 * rates.bareParsePerSec)}/s; scan ack p95 ≤ 6000 ms; event loop max delay ≤ 50 ms`,
});
process.exit(0);
