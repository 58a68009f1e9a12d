/**
 * Worksheet segments (worksheetXml.ts's 2 MB buffers) handed back once deflated, for the next to reuse. A 200,000-row
 * assessment renders about 400 of them; each one new left the dead ones waiting for a full collection, which V8
 * put off while they added up to 380 MB of resident memory beside a 400 MB heap.
 */

/** Segments kept for reuse at most: as many as may deflate at once (zipPackage.ts), and a few more. */
const MAX_POOLED = 20;
const pool: Uint8Array<ArrayBuffer>[] = [];

/** A buffer of `size` bytes: one handed back, or a new one. Its contents are not cleared. */
export function takeSegment(size: number): Uint8Array<ArrayBuffer> {
  const reused = pool.pop();
  return reused !== undefined && reused.length === size ? reused : new Uint8Array(size);
}

/**
 * Hands back the buffer under `segment` (a view from its start) for reuse. Only a caller that holds the last
 * reference may: nothing may read the segment afterwards.
 */
export function recycleSegment(segment: Uint8Array): void {
  if (pool.length >= MAX_POOLED || segment.byteOffset !== 0) return;
  if (!(segment.buffer instanceof ArrayBuffer)) return;
  pool.push(new Uint8Array(segment.buffer));
}
