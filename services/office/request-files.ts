import { scopeOf, type Caller, type CallerScope } from '../access/caller.js';

/** A file of the message a request came in. */
export interface RequestFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/** The message a request came in, as received (within the caller's scope). */
export interface RequestSourceStore {
  sourceOfRequest(scope: CallerScope, protocol: string): Promise<Uint8Array | null>;
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
  ) {}

  async list(caller: Caller, protocol: string) {
    const files = await this.files(caller, protocol);
    return files?.map((file, index) => ({
      index,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.content.byteLength,
    }));
  }

  async file(caller: Caller, protocol: string, index: number): Promise<RequestFile | null> {
    const files = await this.files(caller, protocol);
    return files?.[index] ?? null;
  }

  private async files(caller: Caller, protocol: string): Promise<readonly RequestFile[] | null> {
    if (caller.role === 'provider') return null;
    const raw = await this.store.sourceOfRequest(scopeOf(caller), protocol);
    return raw ? this.reader.attachmentsOf(raw) : null;
  }
}
