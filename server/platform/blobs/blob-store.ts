/**
 * Where file contents live, under internal ids only (never a user's file name). Contents arrive
 * here already sealed (AES-256-GCM under the owner's data key): the store never sees plaintext.
 * The local disk is the embedded default; an S3-compatible store would implement the same four
 * calls.
 */
export interface BlobStore {
  put(id: string, sealed: Buffer): Promise<void>;
  /** null when there is no such blob */
  get(id: string): Promise<Buffer | null>;
  delete(id: string): Promise<void>;
  /** every stored id (for the decommission and canary scans) */
  list(): Promise<string[]>;
}
