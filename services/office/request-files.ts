import { scopeOf, type Caller, type CallerScope } from '../access/caller.js';
import { viewerOf, type ReadLog } from '../access/read-log.js';

/** A file of the message a request came in. */
export interface RequestFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/** The message a request came in, as received, and where its form and the message's other forms were. */
export interface RequestSource {
  readonly raw: Uint8Array;
  /** Where the request's form was read (`attachment:richiesta.pdf`, `body`…); null when not recorded. */
  readonly formSource: string | null;
  /** The same for the other requests the message brought (a message with several forms). */
  readonly otherFormSources: readonly string[];
}

/** The message a request came in (within the caller's scope). */
export interface RequestSourceStore {
  sourceOfRequest(scope: CallerScope, protocol: string): Promise<RequestSource | null>;
}

/** Reads the files attached to a raw message (the mail adapter's parser). */
export interface AttachmentReader {
  attachmentsOf(raw: Uint8Array): Promise<readonly RequestFile[]>;
}

/**
 * The documents of a request's message (issue #16): the form and whatever came with it, to list and
 * download from the request's page. Staff and the Comune's social workers only: a provider gets the
 * contract, not the Comune's mail (special-category data).
 */
export class RequestFiles {
  constructor(
    private readonly store: RequestSourceStore,
    private readonly reader: AttachmentReader,
    private readonly reads: ReadLog,
  ) {}

  /** The request's documents to list, and how many of the message's files belong to its other requests. */
  async list(caller: Caller, protocol: string) {
    const found = await this.files(caller, protocol);
    if (!found) return undefined;
    return {
      files: found.files.map((file, index) => ({
        index,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.content.byteLength,
      })),
      withheld: found.withheld,
    };
  }

  async file(caller: Caller, protocol: string, index: number): Promise<RequestFile | null> {
    const found = await this.files(caller, protocol);
    const file = found?.files[index] ?? null;
    if (file) await viewerOf(this.reads, caller).saw('console_document', [{ protocol }]);
    return file;
  }

  private async files(caller: Caller, protocol: string) {
    if (caller.role === 'provider') return null;
    const source = await this.store.sourceOfRequest(scopeOf(caller), protocol);
    if (!source) return null;
    const all = await this.reader.attachmentsOf(source.raw);
    // A message with several forms may carry several Comuni's beneficiaries: a request offers only
    // the file its own form was read from, and not even that when another form shares it.
    if (source.otherFormSources.length === 0) return { files: all, withheld: 0 };
    const others = new Set(source.otherFormSources.map(fileOfSource));
    const own = source.formSource ? fileOfSource(source.formSource) : null;
    const files = all.filter((file) => file.fileName === own && !others.has(file.fileName));
    return { files, withheld: all.length - files.length };
  }
}

/** The file a form was read from: `postacert.eml/attachment:richiesta.pdf#2` → `richiesta.pdf`; `body` → null. */
function fileOfSource(source: string): string | null {
  const at = source.lastIndexOf('attachment:');
  return at < 0 ? null : source.slice(at + 'attachment:'.length).replace(/#\d+$/, '');
}
