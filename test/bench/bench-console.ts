import { startOnDemoData } from '../support/in-process-sportello.js';
import { launchChromium } from '../support/playground/browser.js';
import { scratchPostgres } from '../support/test-databases.js';
import { percentile, report, round1 } from './percentiles.js';

// npm run bench:console [-- --json] — the console over real HTTP on PostgreSQL with 10,000 requests
// (three audit entries each): the «Pratiche» list filtered and paged, a request's page with its
// timeline (server time: request sent → whole page received), and the first paint in Chromium.
const requests = 10_000;
const samples = 300;

const { scratch, sportello } = await startOnDemoData({}, scratchPostgres);
const prisma = sportello.database.prisma;
await prisma.$executeRawUnsafe(`
  INSERT INTO beneficiary (id, tax_code, surname, name, birth_date, municipality_id)
  SELECT gen_random_uuid(), 'BNCTST' || lpad(i::text, 10, '0'), 'Cognome' || i, 'Nome', DATE '1950-01-01',
    (SELECT istat_code FROM municipality ORDER BY istat_code OFFSET (i % 48) LIMIT 1)
  FROM generate_series(1, 2000) i`);
await prisma.$executeRawUnsafe(`
  INSERT INTO request (id, protocol_year, protocol_number, protocol, kind, service, status, received_at,
    received_on, fields, problems, municipality_id, beneficiary_id)
  SELECT gen_random_uuid(), 2027, i, '2027/' || lpad(i::text, 6, '0'),
    (ARRAY['activation','variation','cessation','day_centre_entry'])[1 + i % 4],
    (ARRAY['SAD','ADM','SIP','SAAP','CSE'])[1 + i % 5],
    (ARRAY['acknowledged','integration_requested'])[1 + i % 2]::request_status,
    TIMESTAMPTZ '2027-01-01 08:00+01' + (i || ' minutes')::interval,
    (TIMESTAMPTZ '2027-01-01 08:00+01' + (i || ' minutes')::interval)::date,
    '{}'::jsonb, '[]'::jsonb, b.municipality_id, b.id
  FROM generate_series(1, ${requests}) i
  JOIN beneficiary b ON b.tax_code = 'BNCTST' || lpad((1 + i % 2000)::text, 10, '0')`);
await prisma.$executeRawUnsafe(`
  INSERT INTO audit_log (actor, action, entity_type, entity_id, to_state)
  SELECT 'sportello', action, 'request', r.id::text, 'acknowledged'
  FROM request r CROSS JOIN unnest(ARRAY['request_registered','contract_drafted','contract_approved']) action`);
await prisma.$executeRawUnsafe('ANALYZE');

/** The session cookie of a demo user, signed in through the local chooser. */
async function cookieOf(name: string): Promise<string> {
  const user = await prisma.teamsUser.findFirstOrThrow({
    where: { displayName: { contains: name }, isDemo: true },
  });
  const response = await fetch(`${sportello.url}/console/accesso`, {
    method: 'POST',
    body: new URLSearchParams({ utente: user.id }),
    redirect: 'manual',
  });
  return response.headers.get('set-cookie')!.split(';')[0]!;
}
const staff = await cookieOf('Ufficio Amministrazione');
const socialWorker = await cookieOf('Anna Bianchi');

async function timed(path: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${sportello.url}${path}`, { headers: { cookie } });
  await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return performance.now() - started;
}

const services = ['SAD', 'ADM', 'SIP', 'SAAP', 'CSE'];
const municipalities = (await prisma.municipality.findMany({ select: { istatCode: true } })).map(
  (m) => m.istatCode,
);
const listPath = (i: number) => {
  const query = new URLSearchParams();
  if (i % 3 === 0) query.set('comune', municipalities[i % municipalities.length]!);
  if (i % 2 === 0) query.set('servizio', services[i % services.length]!);
  if (i % 5 === 0) query.set('testo', `Cognome${(i * 7) % 2000}`);
  if (i % 7 === 0) query.set('stato', 'integration_requested');
  query.set('pagina', String(1 + (i % 20)));
  return `/console/pratiche?${query.toString()}`;
};
for (let i = 0; i < 20; i += 1) await timed(listPath(i), staff); // warm-up
const list: number[] = [];
for (let i = 0; i < samples; i += 1) list.push(await timed(listPath(i), i % 4 === 0 ? socialWorker : staff));
const page: number[] = [];
for (let i = 0; i < samples; i += 1) {
  const number = 1 + ((i * 37) % requests);
  page.push(await timed(`/console/pratiche/2027/${String(number).padStart(7, '0')}`, staff));
}

// First paint of «Pratiche» in Chromium, cold context each time; the page is HTML and CSS only.
const browser = await launchChromium();
const paints: number[] = [];
let pageBytes = 0;
for (let i = 0; i < 10; i += 1) {
  const context = await browser.newContext({ locale: 'it-IT' });
  await context.addCookies([{ name: 'sportello_console', value: staff.split('=')[1]!, url: sportello.url }]);
  const tab = await context.newPage();
  const response = await tab.goto(`${sportello.url}/console/pratiche`, { waitUntil: 'load' });
  pageBytes = (await response!.body()).length;
  paints.push(
    await tab.evaluate(
      () =>
        new Promise<number>((resolve) => {
          // From the navigation's start (the time origin) to the first text or colour painted.
          new PerformanceObserver((entries) => {
            const paint = entries.getEntriesByName('first-contentful-paint')[0];
            if (paint) resolve(paint.startTime);
            // 'paint' is a browser entry type, absent from Node's typings.
          }).observe({ type: 'paint' as never, buffered: true });
          setTimeout(() => resolve(Number.NaN), 5_000);
        }),
    ),
  );
  await context.close();
}
await browser.close();
await sportello.stop();
await scratch.drop();

report(
  'bench:console — HTTP, PostgreSQL, 10,000 requests, Chromium',
  {
    listP50Ms: round1(percentile(list, 50)),
    listP95Ms: round1(percentile(list, 95)),
    requestPageP50Ms: round1(percentile(page, 50)),
    requestPageP95Ms: round1(percentile(page, 95)),
    firstPaintP50Ms: round1(percentile(paints, 50)),
    firstPaintMaxMs: round1(Math.max(...paints)),
    pageKb: round1(pageBytes / 1024),
  },
  {
    samples: `${samples} lists (filters by Comune, service, state, surname; pages 1-20; a quarter as a social worker), ${samples} request pages, 10 cold first paints`,
    targets: 'list p95 ≤ 150 ms; request page p95 ≤ 100 ms; first paint ≤ 1,500 ms; no script to download',
  },
);
process.exit(0);
