import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BlobStore } from './blob-store.ts';

const ID = /^[0-9a-f-]{36}$/;

/**
 * Blobs as files under `<data dir>/blobs/<2 hex>/<id>`. A write goes to a temporary file that is
 * fsynced and then renamed, so a crash leaves either the whole blob or none of it.
 */
export class LocalDiskBlobs implements BlobStore {
  constructor(private readonly root: string) {}

  async put(id: string, sealed: Buffer): Promise<void> {
    const target = this.pathOf(id);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  }

  async get(id: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await fs.rm(this.pathOf(id), { force: true });
  }

  async list(): Promise<string[]> {
    const ids: string[] = [];
    const shards = await fs.readdir(this.root).catch(() => [] as string[]);
    for (const shard of shards) {
      for (const name of await fs.readdir(path.join(this.root, shard)).catch(() => [] as string[])) if (ID.test(name)) ids.push(name);
    }
    return ids;
  }

  private pathOf(id: string): string {
    // ids are made by the server, never taken from a request; checked anyway so no path can escape
    if (!ID.test(id)) throw new Error('not a blob id');
    return path.join(this.root, id.slice(0, 2), id);
  }
}
