// word-extractor (MIT) ships no types: the part of its API Sportello uses.
declare module 'word-extractor' {
  interface ExtractedWordDocument {
    getBody(): string;
    getTextboxes?(options?: { includeHeadersAndFooters?: boolean; includeBody?: boolean }): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<ExtractedWordDocument>;
  }
}
