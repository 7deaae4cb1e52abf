import { randomUUID } from 'node:crypto';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import { toDateColumn } from '../repositories/date-columns.js';
import { seedDemoRequest } from './demo-request.js';

// Everything below is DEMO data for the embedded default: fictitious people (codici fiscali computed
// with the real algorithm), invented e-mail addresses on example domains, and demo Teams users.
// Every row carries is_demo = true so that it can be told apart and removed.

const demoProviders = [
  {
    key: 'girasole',
    name: 'Coop. Sociale Il Girasole (demo)',
    aliases: ['coop sociale il girasole', 'il girasole', 'girasole'],
    email: 'contratti@ilgirasole.example',
  },
  {
    key: 'alba',
    name: 'Fondazione Alba Anffas Crema Onlus (demo)',
    aliases: ['fondazione alba anffas crema onlus', 'anffas'],
    email: 'amministrazione@alba-anffas.example',
  },
  {
    key: 'igea',
    name: 'Coop. Igea (demo)',
    aliases: ['coop igea', 'igea'],
    email: 'ufficio@coopigea.example',
  },
  {
    key: 'koala',
    name: 'Coop. Koala (demo)',
    aliases: ['coop koala', 'koala'],
    email: 'segreteria@coopkoala.example',
  },
  {
    key: 'ilseme',
    name: 'Coop. Il Seme (demo)',
    aliases: ['il seme', 'coop il seme'],
    email: 'info@ilseme.example',
  },
] as const;

type ProviderKey = (typeof demoProviders)[number]['key'];

const demoBeneficiaries = [
  {
    taxCode: 'BNCMRA50D43D142D',
    surname: 'Bianchi',
    name: 'Maria',
    birthDate: '1950-04-03',
    municipality: '019035',
  },
  {
    taxCode: 'BNCMRA52L30D142V',
    surname: 'Bianchi',
    name: 'Mario',
    birthDate: '1952-07-30',
    municipality: '019035',
  },
  {
    taxCode: 'RSSGNN46B11D142B',
    surname: 'Rossi',
    name: 'Giovanni',
    birthDate: '1946-02-11',
    municipality: '019035',
  },
  {
    taxCode: 'GLLSFO13E59D142V',
    surname: 'Galli',
    name: 'Sofia',
    birthDate: '2013-05-19',
    municipality: '019035',
  },
  {
    taxCode: 'FRRLCU15H12G004O',
    surname: 'Ferri',
    name: 'Luca',
    birthDate: '2015-06-12',
    municipality: '019062',
  },
  {
    taxCode: 'FRRLNE48R42G004T',
    surname: 'Ferrari',
    name: 'Elena',
    birthDate: '1948-10-02',
    municipality: '019062',
  },
  {
    taxCode: 'CNTGLI11P70D142W',
    surname: 'Conti',
    name: 'Giulia',
    birthDate: '2011-09-30',
    municipality: '019067',
  },
  {
    taxCode: 'SLANDR94S05C153V',
    surname: 'Sala',
    name: 'Andrea',
    birthDate: '1994-11-05',
    municipality: '019025',
  },
] as const;

interface DemoProject {
  taxCode: string;
  service: string;
  provider: ProviderKey;
  start: string;
  end: string;
  annualHours: number | null;
  budgetCents: number;
  coPaying?: string;
  operatorProfile?: string;
  dayUnitId?: string;
  /** Validated hours per month from January, as decimal hours. */
  monthlyHours: number[];
  /** Day centres: full-time days attended each month of 2026 (a meal each). */
  monthlyDays?: number[];
}

const demoProjects: DemoProject[] = [
  {
    taxCode: 'BNCMRA50D43D142D',
    service: 'SAD',
    provider: 'girasole',
    start: '2026-01-01',
    end: '2026-12-31',
    annualHours: 200,
    budgetCents: 424_200,
    monthlyHours: [17, 16, 18, 17, 17.5, 16, 17, 15, 17, 18],
  },
  {
    taxCode: 'BNCMRA52L30D142V',
    service: 'SAD',
    provider: 'girasole',
    start: '2026-03-01',
    end: '2026-12-31',
    annualHours: 120,
    budgetCents: 260_000,
    monthlyHours: [0, 0, 10, 12, 11, 12, 10, 9, 12, 11],
  },
  {
    taxCode: 'RSSGNN46B11D142B',
    service: 'SADH',
    provider: 'igea',
    start: '2026-01-01',
    end: '2026-12-31',
    annualHours: 300,
    budgetCents: 640_000,
    monthlyHours: [20, 22, 24, 25, 26, 24, 23, 20, 25, 26],
  },
  {
    taxCode: 'GLLSFO13E59D142V',
    service: 'ADM',
    provider: 'girasole',
    start: '2026-02-01',
    end: '2026-12-31',
    annualHours: 100,
    budgetCents: 240_000,
    monthlyHours: [0, 8, 9, 10, 9, 8, 6, 4, 9, 10],
  },
  {
    taxCode: 'FRRLCU15H12G004O',
    service: 'ADM',
    provider: 'girasole',
    start: '2026-01-15',
    end: '2026-12-31',
    annualHours: 150,
    budgetCents: 180_000,
    coPaying: '019035',
    monthlyHours: [10, 12, 13, 12, 13, 12, 8, 6, 13, 14],
  },
  {
    taxCode: 'FRRLNE48R42G004T',
    service: 'SAD',
    provider: 'igea',
    start: '2026-01-01',
    end: '2026-12-31',
    annualHours: 80,
    budgetCents: 180_000,
    monthlyHours: [6, 6, 7, 6, 7, 6, 7, 5, 7, 6],
  },
  {
    taxCode: 'CNTGLI11P70D142W',
    service: 'SAAP',
    provider: 'girasole',
    start: '2026-09-14',
    end: '2027-06-08',
    annualHours: 300,
    budgetCents: 700_000,
    operatorProfile: 'D2',
    monthlyHours: [0, 0, 0, 0, 0, 0, 0, 0, 28, 36],
  },
  {
    taxCode: 'SLANDR94S05C153V',
    service: 'CSE',
    provider: 'ilseme',
    start: '2026-02-01',
    end: '2026-12-31',
    annualHours: null,
    budgetCents: 900_000,
    dayUnitId: 'cse-il-seme-castelleone',
    monthlyHours: [],
    monthlyDays: [0, 18, 20, 19, 20, 19, 21, 4, 19, 20],
  },
];

const demoTeamsUsers = [
  {
    aadObjectId: 'demo-staff-amministrazione',
    userPrincipalName: 'amministrazione@demo.comunitasocialecremasca.it',
    displayName: 'Ufficio Amministrazione (demo)',
    role: 'staff',
  },
  {
    aadObjectId: 'demo-staff-direzione',
    userPrincipalName: 'direzione@demo.comunitasocialecremasca.it',
    displayName: 'Direzione (demo)',
    role: 'staff',
  },
  {
    aadObjectId: 'demo-as-crema',
    userPrincipalName: 'anna.bianchi@demo.comune.crema.cr.it',
    displayName: 'Anna Bianchi, AS Crema (demo)',
    role: 'social_worker',
    municipalityId: '019035',
  },
  {
    aadObjectId: 'demo-as-offanengo',
    userPrincipalName: 'laura.ferrari@demo.comune.offanengo.cr.it',
    displayName: 'Laura Ferrari, AS Offanengo (demo)',
    role: 'social_worker',
    municipalityId: '019062',
  },
  {
    aadObjectId: 'demo-ente-girasole',
    userPrincipalName: 'coordinamento@ilgirasole.example',
    displayName: 'Coordinamento Il Girasole (demo)',
    role: 'provider',
    provider: 'girasole',
  },
  {
    aadObjectId: 'demo-ente-igea',
    userPrincipalName: 'coordinamento@coopigea.example',
    displayName: 'Coordinamento Igea (demo)',
    role: 'provider',
    provider: 'igea',
  },
] as const;

/**
 * Loads the demo data once; returns false when it was already there. Ids are made here so that
 * each table takes one statement: a first start seeds in a handful of round trips.
 */
export async function seedDemoData(database: Database): Promise<boolean> {
  return database.prisma.$transaction(async (tx) => {
    if ((await tx.provider.count({ where: { isDemo: true } })) > 0) return false;
    const providerIds = new Map<string, string>(demoProviders.map((p) => [p.key, randomUUID()]));
    const beneficiaryIds = new Map<string, string>(demoBeneficiaries.map((b) => [b.taxCode, randomUUID()]));
    await tx.provider.createMany({
      data: demoProviders.map((provider) => ({
        id: providerIds.get(provider.key)!,
        name: provider.name,
        aliases: [...provider.aliases],
        email: provider.email,
        isDemo: true,
      })),
    });
    await tx.beneficiary.createMany({
      data: demoBeneficiaries.map((beneficiary) => ({
        id: beneficiaryIds.get(beneficiary.taxCode)!,
        taxCode: beneficiary.taxCode,
        surname: beneficiary.surname,
        name: beneficiary.name,
        birthDate: toDateColumn(beneficiary.birthDate),
        municipalityId: beneficiary.municipality,
        isDemo: true,
      })),
    });
    const projectRows: Prisma.ProjectCreateManyInput[] = [];
    const hourRows: Prisma.HourEntryCreateManyInput[] = [];
    for (const project of demoProjects) {
      const beneficiary = demoBeneficiaries.find((b) => b.taxCode === project.taxCode)!;
      const projectId = randomUUID();
      projectRows.push({
        id: projectId,
        beneficiaryId: beneficiaryIds.get(project.taxCode)!,
        service: project.service,
        municipalityId: beneficiary.municipality,
        coPayingMunicipalityId: project.coPaying ?? null,
        providerId: providerIds.get(project.provider)!,
        startDate: toDateColumn(project.start),
        endDate: toDateColumn(project.end),
        annualMinutes: project.annualHours === null ? null : project.annualHours * 60,
        committedBudgetCents: project.budgetCents,
        operatorProfile: project.operatorProfile ?? null,
        dayUnitId: project.dayUnitId ?? null,
        status: 'active',
        isDemo: true,
      });
      project.monthlyHours.forEach((hours, index) => {
        if (hours > 0)
          hourRows.push({ projectId, year: 2026, month: index + 1, minutes: Math.round(hours * 60) });
      });
      project.monthlyDays?.forEach((days, index) => {
        if (days > 0)
          hourRows.push({
            projectId,
            year: 2026,
            month: index + 1,
            minutes: 0,
            fullTimeDays: days,
            meals: days,
          });
      });
    }
    await tx.project.createMany({ data: projectRows });
    await tx.hourEntry.createMany({ data: hourRows });
    await tx.teamsUser.createMany({
      data: demoTeamsUsers.map((user) => ({
        aadObjectId: user.aadObjectId,
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        role: user.role,
        municipalityId: 'municipalityId' in user ? user.municipalityId : null,
        providerId: 'provider' in user ? providerIds.get(user.provider)! : null,
        isDemo: true,
      })),
    });
    await seedDemoRequest(tx, providerIds.get('girasole')!, new Date());
    return true;
  });
}
