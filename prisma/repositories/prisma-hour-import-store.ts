import type {
  HourImportStore,
  ImportableProject,
  ValidatedHours,
} from '../../services/hours/hours-importer.js';
import type { Database } from '../database/database.js';
import { toCalendarDate } from './date-columns.js';
import { isUniqueViolation } from './prisma-intake-store.js';

export class PrismaHourImportStore implements HourImportStore {
  constructor(private readonly database: Database) {}

  async findImport(fileHash: string) {
    return this.database.prisma.hourImport.findUnique({
      where: { fileHash },
      select: { fileName: true, importedAt: true },
    });
  }

  async findProjects(taxCodes: readonly string[]): Promise<ImportableProject[]> {
    if (taxCodes.length === 0) return [];
    const projects = await this.database.prisma.project.findMany({
      where: {
        beneficiary: { taxCode: { in: [...taxCodes] } },
        status: { in: ['active', 'ended', 'pending'] },
      },
      select: {
        id: true,
        service: true,
        startDate: true,
        endDate: true,
        dayUnitId: true,
        beneficiary: { select: { taxCode: true } },
        provider: { select: { name: true, aliases: true } },
      },
    });
    return projects.map((project) => ({
      id: project.id,
      taxCode: project.beneficiary.taxCode,
      service: project.service,
      startDate: toCalendarDate(project.startDate),
      endDate: project.endDate ? toCalendarDate(project.endDate) : null,
      providerNames: project.provider ? [project.provider.name, ...project.provider.aliases] : [],
      dayUnitId: project.dayUnitId,
    }));
  }

  async saveImport(input: {
    fileName: string;
    fileHash: string;
    importedBy: string;
    entries: readonly ValidatedHours[];
  }) {
    try {
      return await this.database.prisma.$transaction(async (tx) => {
        const created = await tx.hourImport.create({
          data: {
            fileName: input.fileName,
            fileHash: input.fileHash,
            importedBy: input.importedBy,
            rowCount: input.entries.length,
          },
          select: { id: true },
        });
        const entries = input.entries;
        // Months already imported from an earlier file are replaced by this one.
        await tx.$executeRaw`
          DELETE FROM hour_entry AS entry
          USING unnest(${entries.map((e) => e.projectId)}::uuid[], ${entries.map((e) => e.year)}::int[], ${entries.map((e) => e.month)}::int[])
            AS incoming(project_id, year, month)
          WHERE entry.project_id = incoming.project_id AND entry.year = incoming.year AND entry.month = incoming.month`;
        await tx.hourEntry.createMany({
          data: entries.map((entry) => ({ ...entry, importId: created.id })),
        });
        await tx.auditLog.create({
          data: {
            actor: input.importedBy,
            action: 'hours_imported',
            entityType: 'hour_import',
            entityId: created.id,
            details: { fileName: input.fileName, rows: entries.length },
          },
        });
        return { importId: created.id, created: true };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { importId: '', created: false };
      throw error;
    }
  }
}
