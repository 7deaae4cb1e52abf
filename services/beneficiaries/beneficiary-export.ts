import type { Caller } from '../access/caller.js';
import { commandViewer, viewerOf, type ReadLog, type Viewer } from '../access/read-log.js';
import { requireStaff, type Refusal } from '../access/refusal.js';

/** A file of the export: a path inside the ZIP and its bytes. */
export interface ExportFile {
  readonly path: string;
  readonly content: Uint8Array;
}

/** Everything held about one person: rows by table, and the original files. */
export interface BeneficiaryRecords {
  readonly beneficiary: { readonly id: string; readonly surname: string; readonly name: string };
  /** Each table's rows that concern the person, as JSON-ready objects (files left out, listed in `files`). */
  readonly tables: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  readonly files: readonly ExportFile[];
  /** What was left out and why (a message that also carries other people's forms). */
  readonly withheld: readonly string[];
}

/** Where a person's data is gathered from. */
export interface BeneficiaryDataStore {
  /** The tables the export reads: every table that concerns a beneficiary must be among them. */
  readonly exportedTables: readonly string[];
  collect(taxCode: string): Promise<BeneficiaryRecords | null>;
  /** The export recorded in the office's audit. */
  recordExport(actor: string, beneficiaryId: string): Promise<void>;
}

/** Packs files into one ZIP (the documents adapter). */
export interface ZipWriter {
  zip(files: readonly ExportFile[]): Promise<Uint8Array>;
}

/** The export, ready to hand to the person. */
export interface BeneficiaryExportFile {
  readonly outcome: 'exported';
  readonly fileName: string;
  readonly zip: Uint8Array;
  readonly tables: number;
  readonly files: number;
}

/**
 * The beneficiary's export (GDPR art. 15): one ZIP with everything Sportello holds about a person —
 * their rows of every table as JSON, the original messages and documents — for staff to hand over.
 * Staff only; the export is audited and recorded in the read log.
 */
export class BeneficiaryExport {
  constructor(
    private readonly store: BeneficiaryDataStore,
    private readonly zip: ZipWriter,
    private readonly reads: ReadLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Staff's export from the console. */
  async forCaller(caller: Caller, taxCode: string): Promise<Refusal | BeneficiaryExportFile | null> {
    const refused = requireStaff(caller, 'esportare i dati di una persona');
    if (refused) return refused;
    return this.export(viewerOf(this.reads, caller), caller.teamsUserId, taxCode);
  }

  /** The export by the office's command on the server. */
  forCommand(systemUser: string, taxCode: string): Promise<BeneficiaryExportFile | null> {
    return this.export(commandViewer(this.reads, systemUser), `comando:${systemUser}`, taxCode);
  }

  private async export(viewer: Viewer, actor: string, taxCode: string) {
    const code = taxCode.trim().toUpperCase();
    const records = await this.store.collect(code);
    if (!records) return null;
    await viewer.saw('beneficiary_export', [{ taxCode: code }]);
    await this.store.recordExport(actor, records.beneficiary.id);
    const made = this.clock().toISOString();
    const summary = {
      codiceFiscale: code,
      persona: `${records.beneficiary.surname} ${records.beneficiary.name}`,
      esportatoIl: made,
      riferimento: 'Regolamento (UE) 2016/679, art. 15',
      tabelle: Object.fromEntries(Object.entries(records.tables).map(([name, rows]) => [name, rows.length])),
      file: records.files.map((file) => file.path),
      nonInclusi: records.withheld,
    };
    const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
    const files: ExportFile[] = [
      { path: 'LEGGIMI.json', content: json(summary) },
      ...Object.entries(records.tables).map(([name, rows]) => ({
        path: `dati/${name}.json`,
        content: json(rows),
      })),
      ...records.files,
    ];
    return {
      outcome: 'exported' as const,
      fileName: `dati-${code}-${made.slice(0, 10)}.zip`,
      zip: await this.zip.zip(files),
      tables: Object.keys(records.tables).length,
      files: records.files.length,
    };
  }
}
