import type { Database } from '../../prisma/database/database.js';
import { sadActivation } from '../domain/draft-fixtures.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { BotConnector } from '../support/bot-connector.js';
import { postActivity as post, teamsActivity as activity } from '../support/bot-http.js';
import { startOnDemoData } from '../support/in-process-sportello.js';
import { scratchPostgres } from '../support/test-databases.js';
import { percentile, report, round1 } from './percentiles.js';

// npm run bench:bot [-- --json] — the bot over real HTTP on PostgreSQL with 10,000 projects and
// 1,000,000 hour rows: a budget question turn (activity in → reply at the connector), an approval
// invoke (HTTP round trip, the updated card in the body), and the day-8 reminder fanned out to
// 500 providers through the outbox (queued → the 500th message at the connector).
const projects = 10_000;
const variedEvery = 10;
const monthsPerProject = 100;
const providers = 500;
const budgetSamples = 400;
const approvalSamples = 150;
const coldSamples = 30;
const crema = '019035';

const surnames = (
  'Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,' +
  'Mancini,Costa,Giordano,Rizzo,Lombardi,Moretti,Barbieri,Fontana,Santoro,Mariani,Rinaldi,Caruso,Ferrara,' +
  "Galli,Martini,Leone,Longo,Gentile,Martinelli,Vitale,Lombardo,Serra,Coppola,De Santis,D'Angelo," +
  'Marchetti,Parisi,Villa,Conte,Ferraro,Ferri,Fabbri,Bianco,Marini,Grasso,Valentini,Messina,Sala,' +
  'De Angelis,Gatti,Pellegrini,Palumbo,Sanna,Farina,Rizzi,Monti,Cattaneo,Morelli,Amato,Silvestri,Mazza,' +
  'Testa,Grassi,Pellegrino,Carbone,Giuliani,Benedetti,Barone,Rossetti,Caputo,Montanari,Guerra,Palmieri,' +
  'Bernardi,Martino,Fiore,De Rosa,Ferretti,Bellini,Basile,Riva,Donati,Piras,Vitali,Battaglia,Sartori,' +
  "Neri,Costantini,Milani,Pagano,Ruggiero,Sorrentino,D'Amico,Orlando,Negri,Zanetti"
).split(',');
const names = (
  'Maria,Anna,Giuseppe,Giovanni,Luigi,Francesco,Angela,Giuseppina,Rosa,Antonio,Teresa,Lucia,Carmela,' +
  'Mario,Caterina,Francesca,Pietro,Paolo,Vincenzo,Salvatore,Carlo,Domenico,Bruno,Franco,Sergio,Giorgio,' +
  'Andrea,Luca,Marco,Alessandro,Laura,Paola,Elena,Chiara,Sara,Giulia,Martina,Sofia,Aurora,Emma,Giorgia,' +
  'Alice,Greta,Beatrice,Matteo,Lorenzo,Leonardo,Tommaso,Riccardo,Edoardo,Gabriele,Davide,Federico,' +
  'Simone,Stefano,Roberto,Massimo,Fabio,Claudio,Enrico,Alberto,Daniele,Nicola,Emanuele,Michele,Filippo,' +
  'Cristina,Silvia,Barbara,Monica,Roberta,Daniela,Valentina,Federica,Alessandra,Simona,Elisa,Ilaria,' +
  'Marta,Veronica,Irene,Serena,Camilla,Noemi,Vittoria,Ginevra,Bianca,Nicole,Arianna,Rebecca,Matilde,' +
  'Adele,Ludovica,Agnese,Carolina,Viola,Benedetta,Cecilia,Diana,Ottavio'
).split(',');

async function seedVolume(database: Database) {
  const prisma = database.prisma;
  const list = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;
  await prisma.$executeRawUnsafe(`
    INSERT INTO provider (id, name, email)
    SELECT md5('e' || i)::uuid, 'Ente bench ' || lpad(i::text, 3, '0'), 'ente' || i || '@bench.example'
    FROM generate_series(1, ${providers}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO teams_user (id, aad_object_id, display_name, role, provider_id)
    SELECT gen_random_uuid(), 'bench-provider-' || i, 'Referente ente ' || i, 'provider', md5('e' || i)::uuid
    FROM generate_series(1, ${providers}) AS i`);
  // A quarter of the projects in Crema (the largest Comune), the rest spread over the others.
  await prisma.$executeRawUnsafe(`
    WITH others AS (SELECT istat_code, row_number() OVER (ORDER BY istat_code) - 1 AS n
                    FROM municipality WHERE istat_code <> '${crema}'),
         total AS (SELECT count(*) AS c FROM others)
    INSERT INTO beneficiary (id, tax_code, surname, name, birth_date, municipality_id)
    SELECT md5('b' || i)::uuid, 'BENCH' || lpad(i::text, 11, '0'),
           (${list(surnames)})[1 + i % ${surnames.length}],
           (${list(names)})[1 + (i / ${surnames.length}) % ${names.length}],
           DATE '1940-01-01' + (i % 25000),
           CASE WHEN i % 4 = 0 THEN '${crema}'
                ELSE (SELECT istat_code FROM others, total WHERE n = i % total.c) END
    FROM generate_series(1, ${projects}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO project (id, beneficiary_id, service, municipality_id, provider_id, start_date, end_date,
                         annual_minutes, committed_budget_cents, status)
    SELECT md5('p' || i)::uuid, b.id, (ARRAY['SAD','ADM','SIP','SADH'])[1 + i % 4], b.municipality_id,
           md5('e' || (1 + i % ${providers}))::uuid, DATE '2023-01-01', DATE '2031-12-31', 12000, 2000000, 'active'
    FROM generate_series(1, ${projects}) AS i JOIN beneficiary b ON b.id = md5('b' || i)::uuid`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO hour_entry (id, project_id, year, month, minutes, festive_minutes, back_office_minutes)
    SELECT gen_random_uuid(), md5('p' || i)::uuid, 2023 + m / 12, 1 + m % 12, 600 + (i + m) % 300, (i * m) % 120, 120
    FROM generate_series(1, ${projects}) AS i, generate_series(0, ${monthsPerProject - 1}) AS m`);
  // One project in ten was varied (issue 14): a variation request and its dated change, the new
  // budget from June 2026, so that the ledger reads the budget in force by date.
  await prisma.$executeRawUnsafe(`
    INSERT INTO request (id, protocol_year, protocol_number, protocol, kind, service, status, received_at,
                         received_on, fields, problems, municipality_id, project_id)
    SELECT md5('r' || i)::uuid, 2026, 100000 + i, '2026/' || lpad((100000 + i)::text, 6, '0'), 'variation',
           p.service, 'acknowledged', TIMESTAMPTZ '2026-05-10 09:00+02', DATE '2026-05-10', '{}'::jsonb,
           '[]'::jsonb, p.municipality_id, p.id
    FROM generate_series(${variedEvery}, ${projects}, ${variedEvery}) AS i JOIN project p ON p.id = md5('p' || i)::uuid`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO project_change (id, project_id, request_id, kind, effective_on, committed_budget_cents,
                                annual_minutes, end_date, previous_committed_budget_cents, previous_annual_minutes,
                                previous_end_date, previous_status)
    SELECT gen_random_uuid(), md5('p' || i)::uuid, md5('r' || i)::uuid, 'variation', DATE '2026-06-01',
           2200000, 13200, DATE '2031-12-31', 2000000, 12000, DATE '2031-12-31', 'active'
    FROM generate_series(${variedEvery}, ${projects}, ${variedEvery}) AS i`);
  await prisma.$executeRawUnsafe(`
    UPDATE project SET committed_budget_cents = 2200000, annual_minutes = 13200
    WHERE id IN (SELECT project_id FROM project_change)`);
  await prisma.$executeRawUnsafe('ANALYZE');
  return prisma.hourEntry.count();
}

const connector = new BotConnector();
await connector.start();
// The calendar (off) would send its own reminders to the 500 providers at start-up: not what is measured.
const { scratch, sportello } = await startOnDemoData(
  {
    DATABASE_POOL_SIZE: '8',
    // The bot is measured alone: contract PDFs (LibreOffice) are bench:documents' business.
    CONTRACT_PDF: 'off',
    OUTBOX_POLL_INTERVAL_MS: '60000',
  },
  scratchPostgres,
);
try {
  const rows = await seedVolume(sportello.database);

  // Budget questions from the Crema social worker about beneficiaries of her Comune.
  const cremaPeople = await sportello.database.prisma.beneficiary.findMany({
    where: { municipalityId: crema, taxCode: { startsWith: 'BENCH' } },
    select: { surname: true, name: true },
    take: budgetSamples,
    orderBy: { taxCode: 'asc' },
  });
  const askBudget = async (person: { surname: string; name: string }, user = 'demo-as-crema') => {
    const started = performance.now();
    const message = activity(user, connector, {
      type: 'message',
      text: `quanto budget resta per ${person.surname} ${person.name}`,
    });
    const reply = connector.next(
      (item) => item.activity.replyToId === message.id && item.activity.type === 'message',
    );
    const response = await post(sportello.url, message);
    if (response.status >= 300) throw new Error(`budget turn answered ${response.status}`);
    const answer = await reply;
    if (
      !/Residuo|Quale|più persone/i.test(answer.activity.text ?? JSON.stringify(answer.activity.attachments))
    ) {
      throw new Error(`unexpected budget answer: ${answer.activity.text}`);
    }
    return answer.at - started;
  };
  for (const person of cremaPeople.slice(0, 30)) await askBudget(person); // warm-up
  const budgetTimes: number[] = [];
  for (const person of cremaPeople) budgetTimes.push(await askBudget(person));
  // Staff see all 10,000 projects: the widest search a name can trigger.
  const staffTimes: number[] = [];
  for (const person of cremaPeople.slice(0, 100)) {
    staffTimes.push(await askBudget(person, 'demo-staff-amministrazione'));
  }

  // Approval clicks by staff on fresh draft contracts.
  const contracts: string[] = [];
  for (let i = 0; i < approvalSamples + 10 + coldSamples; i += 1) {
    const taxCode = `BENCHC${String(i).padStart(10, '0')}`;
    const { contractId } = await acceptedRequest(sportello.database, {
      draft: sadActivation({ beneficiary: { taxCode, surname: 'Approvazione', name: `Prova${i}` } }),
    });
    contracts.push(contractId!);
  }
  const approve = async (contractId: string) => {
    const started = performance.now();
    const response = await post(
      sportello.url,
      activity('demo-staff-amministrazione', connector, {
        type: 'invoke',
        replyToId: `card-${contractId}`,
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb: 'approveContract', data: { contractId, version: 0 } },
        },
      }),
    );
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !response.text.includes('Approvato da')) {
      throw new Error(`approval answered ${response.status}: ${response.text.slice(0, 200)}`);
    }
    return elapsed;
  };
  // As in production, each card is shown only once its document is written (DOCX and, when
  // LibreOffice is installed, PDF): the click records the decision and queues the e-mail.
  for (const contractId of contracts.slice(0, approvalSamples + 10)) {
    await sportello.contracts.drafts.ensureDocument(contractId);
  }
  for (const contractId of contracts.slice(0, 10)) await approve(contractId); // warm-up
  const approveTimes: number[] = [];
  for (const contractId of contracts.slice(10, approvalSamples + 10))
    approveTimes.push(await approve(contractId));
  // The fallback: no document yet at the click, so the DOCX is written during it.
  const coldTimes: number[] = [];
  for (const contractId of contracts.slice(approvalSamples + 10)) coldTimes.push(await approve(contractId));
  await sportello.outbox.stop(); // the approvals' follow-ups must not share the fan-out's clock

  // Each provider has talked to the bot once, so its conversation reference is stored.
  const providerUsers = Array.from({ length: providers }, (_, i) => `bench-provider-${i + 1}`);
  for (const user of providerUsers) {
    const reply = connector.next((item) => item.conversationId === `a:${user}`);
    await post(sportello.url, activity(user, connector, { type: 'message', text: 'aiuto' }));
    await reply;
  }
  const isReminder = (item: { conversationId: string; activity: { text?: string } }) =>
    item.conversationId.startsWith('a:bench-provider-') &&
    /occorre validare in Gecas le ore di ottobre 2026/.test(item.activity.text ?? '');
  const fanoutStarted = performance.now();
  sportello.outbox.start();
  // What production does on 2 November 2026: the calendar's duty queues one reminder per provider.
  await sportello.calendar.tick.runDuties(new Date('2026-11-02T08:00:00Z'));
  sportello.outbox.wake();
  const lastArrived = await connector.count(isReminder, providers, 120_000);
  const fanoutMs = lastArrived - fanoutStarted;

  report(
    'bench:bot — Teams bot over HTTP on PostgreSQL',
    {
      budgetTurnP50Ms: round1(percentile(budgetTimes, 50)),
      budgetTurnP95Ms: round1(percentile(budgetTimes, 95)),
      approveP95Ms: round1(percentile(approveTimes, 95)),
      fanout500Ms: Math.round(fanoutMs),
    },
    {
      targets: 'budget turn p95 ≤ 150 ms, approval p95 ≤ 1000 ms',
      approveP50Ms: String(round1(percentile(approveTimes, 50))),
      coldApproveP95Ms: `${round1(percentile(coldTimes, 95))} (document written during the click, DOCX only)`,
      staffBudgetTurnP95Ms: String(round1(percentile(staffTimes, 95))),
      data: `${rows} hour rows, ${projects} projects (1 in ${variedEvery} varied), ${providers} providers; ${budgetTimes.length} budget turns, ${approveTimes.length} approvals`,
    },
  );
} finally {
  await sportello.stop();
  await connector.stop();
  await scratch.drop();
}
process.exit(0);
