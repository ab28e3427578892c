import { In, type EntityManager } from "typeorm";
import { chunk } from "../../common/chunk";
import type { RecordBase } from "../../common/record-base";
import type { Actor } from "../../common/record-store";
import type { Database } from "../../db/database";
import { RecordAuthor } from "./record-author.entity";

/** The gateway's side of authorship for records behind a vendor's API (see RecordAuthor). */
export class RecordAuthors {
  constructor(private readonly db: Database) {}

  /**
   * After the vendor accepted our write: remembers the acting user. Inside the caller's transaction when there
   * is one, so a rolled-back change leaves no authorship behind.
   */
  async noteWrite<T extends RecordBase>(
    system: string,
    module: string,
    records: T[],
    actor: Actor,
    created: boolean,
    manager: EntityManager = this.db.manager,
  ): Promise<T[]> {
    if (!records.length) return records;
    const known = created
      ? new Map<string, RecordAuthor>()
      : await this.find(
          manager,
          system,
          module,
          records.map((r) => r.id),
        );
    const rows = records.map((record) =>
      Object.assign(new RecordAuthor(), {
        system,
        module,
        recordId: record.id,
        createdBy: created ? actor.userId : (known.get(record.id)?.createdBy ?? null),
        modifiedBy: actor.userId,
        vendorModifiedTime: record.modifiedTime,
      }),
    );
    await manager.save(RecordAuthor, rows);
    return applied(records, new Map(rows.map((row) => [row.recordId, row])));
  }

  /** The records with our users where the vendor names only the OAuth user. One query per call. */
  async overlay<T extends RecordBase>(system: string, module: string, records: T[], manager: EntityManager = this.db.manager): Promise<T[]> {
    if (!records.length) return records;
    return applied(
      records,
      await this.find(
        manager,
        system,
        module,
        records.map((r) => r.id),
      ),
    );
  }

  async forget(system: string, module: string, id: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.delete(RecordAuthor, { system, module, recordId: id });
  }

  private async find(manager: EntityManager, system: string, module: string, ids: string[]): Promise<Map<string, RecordAuthor>> {
    const rows: RecordAuthor[] = [];
    for (const part of chunk([...new Set(ids)], 500)) rows.push(...(await manager.findBy(RecordAuthor, { system, module, recordId: In(part) })));
    return new Map(rows.map((row) => [row.recordId, row]));
  }
}

/** The records with our users where the authorship rows still hold (the vendor's modified time is our write's). */
function applied<T extends RecordBase>(records: T[], authors: Map<string, RecordAuthor>): T[] {
  for (const record of records) {
    const author = authors.get(record.id);
    if (!author) continue;
    if (author.createdBy) record.createdBy = author.createdBy;
    if (author.vendorModifiedTime.getTime() === record.modifiedTime.getTime()) record.modifiedBy = author.modifiedBy;
  }
  return records;
}
