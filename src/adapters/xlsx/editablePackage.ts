/**
 * The source package as the writer edits it. A part the writer leaves alone goes into the output as the source
 * stored it, never inflated: a 200,000-row source sheet is 57 MB of XML that unzipping and deflating again only
 * cost memory and time, and a part whose zip entry claims gigabytes allocates nothing. A part the writer reads
 * is inflated when asked, in bounded steps (read/zipDirectory.ts). Folder entries, which hold no part, are not
 * kept.
 */
import { strFromU8, strToU8 } from "fflate";
import { entryData, readEntryBytes, readZipDirectory, type ZipEntry } from "./read/zipDirectory";
import type { PackedPart } from "./packedZip";

const STORED = 0;
const DEFLATED = 8;

type Part = { readonly source: ZipEntry } | { readonly bytes: Uint8Array };

export class EditablePackage {
  private readonly parts = new Map<string, Part>();

  constructor(private readonly sourceBytes: Uint8Array) {
    for (const [path, entry] of readZipDirectory(sourceBytes))
      this.parts.set(path, { source: entry });
  }

  /** Part paths in the package's order: the source's, then the parts added. */
  paths(): string[] {
    return [...this.parts.keys()];
  }

  has(path: string): boolean {
    return this.parts.has(path);
  }

  bytes(path: string): Uint8Array | undefined {
    const part = this.parts.get(path);
    if (!part) return undefined;
    return "bytes" in part ? part.bytes : readEntryBytes(this.sourceBytes, part.source);
  }

  text(path: string): string | undefined {
    const bytes = this.bytes(path);
    return bytes && strFromU8(bytes);
  }

  /** Replaces a part (keeping its place in the package's order) or adds one at the end. */
  set(path: string, bytes: Uint8Array): void {
    this.parts.set(path, { bytes });
  }

  setText(path: string, text: string): void {
    this.set(path, strToU8(text));
  }

  delete(path: string): boolean {
    return this.parts.delete(path);
  }

  /** The part as the zip stores it: a source part unchanged exactly as the source stored it, others deflated at `level`. */
  packed(
    path: string,
    level: number,
    packPart: (bytes: Uint8Array, level: number) => PackedPart
  ): PackedPart {
    const part = this.parts.get(path);
    if (!part) throw new Error(`the package has no ${path}`);
    if ("bytes" in part) return packPart(part.bytes, level);
    const entry = part.source;
    if (entry.method !== STORED && entry.method !== DEFLATED)
      return packPart(readEntryBytes(this.sourceBytes, entry), level);
    return {
      method: entry.method,
      crc: entry.crc,
      size: entry.declaredSize,
      pieces: [entryData(this.sourceBytes, entry)],
    };
  }
}
