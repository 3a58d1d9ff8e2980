import { zipSync, strToU8 } from 'fflate';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import { declaredTables } from '../../data-map.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { dataCategories, type DataCategoryKey } from '../../platform/datamap/categories.ts';
import type { ColumnSpec, TableSpec } from '../../platform/datamap/declare.ts';
import { rowsOfSubject, type Row } from './subject-graph.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';

export interface ExportedRecord {
  table: string;
  id: string | null;
  fields: Record<string, string | number | null>;
}

export interface PersonalDataExport {
  generatedAt: string;
  categories: Partial<Record<DataCategoryKey, ExportedRecord[]>>;
  /** binary values (an avatar), by file name inside the archive */
  files: Record<string, Buffer>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Access and export (P8.1, P8.3), walking the data map from the person: every column of every
 * row that is theirs, opened where sealed, grouped by data category. Keyed hashes (blind indexes,
 * code and token hashes) and key ids mean nothing outside the system and are left out.
 */
export class ExportService {
  constructor(private readonly deps: { db: Kysely<Database>; envelope: Envelope; blobs: BlobStore; clock: Clock }) {}

  async collect(accountId: string, tables: TableSpec[] = declaredTables(), onTable?: (done: number, total: number) => Promise<void> | void): Promise<PersonalDataExport> {
    const graph = await rowsOfSubject(this.deps.db, accountId, tables, onTable);
    const bundle: PersonalDataExport = { generatedAt: new Date(this.deps.clock.now()).toISOString(), categories: {}, files: {} };
    for (const { table, rows } of graph) {
      for (const row of rows) {
        const byCategory = new Map<DataCategoryKey, Record<string, string | number | null>>();
        for (const [name, column] of Object.entries(table.columns)) {
          if (!exportable(name, column)) continue;
          const value = await this.value(table.name, name, column, row, bundle.files);
          const fields = byCategory.get(column.category) ?? {};
          fields[name.replace(/_enc$/, '')] = value;
          byCategory.set(column.category, fields);
        }
        for (const [category, fields] of byCategory) {
          (bundle.categories[category] ??= []).push({ table: table.name, id: typeof row.id === 'string' ? row.id : null, fields });
        }
      }
    }
    return bundle;
  }

  /** The archive: one JSON file per category, a readable summary, and the person's files. */
  async archive(accountId: string, tables?: TableSpec[], onTable?: (done: number, total: number) => Promise<void> | void): Promise<Buffer> {
    const bundle = await this.collect(accountId, tables, onTable);
    const entries: Record<string, Uint8Array> = {};
    for (const [category, records] of Object.entries(bundle.categories)) {
      entries[`data/${category}.json`] = strToU8(JSON.stringify(records, null, 2));
    }
    for (const [name, bytes] of Object.entries(bundle.files)) entries[`files/${name}`] = bytes;
    entries['index.html'] = strToU8(summaryHtml(bundle));
    entries['manifest.json'] = strToU8(
      JSON.stringify({ generatedAt: bundle.generatedAt, categories: Object.keys(bundle.categories), files: Object.keys(bundle.files) }, null, 2),
    );
    return Buffer.from(zipSync(entries, { level: 6 }));
  }

  private async value(tableName: string, name: string, column: ColumnSpec, row: Row, files: Record<string, Buffer>): Promise<string | number | null> {
    const raw = row[name];
    if (raw === null || raw === undefined) return null;
    if (column.blob) {
      // a file: its sealed content from the blob store, opened and put in the archive as it is
      const sealed = await this.deps.blobs.get(String(raw));
      if (!sealed) return null;
      try {
        const file = `${tableName}-${String(row.id)}.bin`;
        files[file] = await this.deps.envelope.open(sealed, `${tableName}.${name}:${row.id}`);
        return `files/${file}`;
      } catch {
        return null;
      }
    }
    if (column.encrypted) {
      let opened: Buffer;
      try {
        opened = await this.deps.envelope.open(raw as Buffer, `${tableName}.${name}:${row.id}`);
      } catch {
        return null; // its key was destroyed: nothing left to give
      }
      try {
        return utf8.decode(opened);
      } catch {
        const file = `${tableName}-${name.replace(/_enc$/, '')}-${String(row.id)}${column.category === 'user.avatar' ? '.webp' : '.bin'}`;
        files[file] = opened;
        return `files/${file}`;
      }
    }
    if (column.kind === 'time') return new Date(Number(raw)).toISOString();
    return typeof raw === 'number' ? raw : String(raw);
  }
}

function exportable(name: string, column: ColumnSpec): boolean {
  if (!dataCategories[column.category].personal) return false;
  if (column.category === 'user.authorization.credentials') return false;
  // an earlier download is a copy of everything else: archives are never nested
  if (column.category === 'user.export') return false;
  if (column.references === 'data_key') return false;
  return !name.endsWith('_index');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

function summaryHtml(bundle: PersonalDataExport): string {
  const sections = Object.entries(bundle.categories).map(([category, records]) => {
    const name = dataCategories[category as DataCategoryKey].name;
    const rows = (records ?? [])
      .map((record) => `<tr><td>${escapeHtml(record.table)}</td><td><pre>${escapeHtml(JSON.stringify(record.fields, null, 2))}</pre></td></tr>`)
      .join('\n');
    return `<section id="${escapeHtml(category)}"><h2>${escapeHtml(name['zh-CN'])} / ${escapeHtml(name.en)}</h2><table><tr><th>table</th><th>values</th></tr>${rows}</table></section>`;
  });
  const contents = Object.keys(bundle.categories)
    .map((category) => `<li><a href="#${escapeHtml(category)}">${escapeHtml(dataCategories[category as DataCategoryKey].name['zh-CN'])} / ${escapeHtml(dataCategories[category as DataCategoryKey].name.en)}</a></li>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>我的数据 / My data</title></head><body><h1>我的数据 / My data</h1><p>${escapeHtml(bundle.generatedAt)}</p><ul>${contents}</ul>${sections.join('\n')}</body></html>`;
}
