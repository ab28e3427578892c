import type { MigrationInterface, QueryRunner } from "typeorm";

export class SyncRunClosedTime1795635034497 implements MigrationInterface {
  name = "SyncRunClosedTime1795635034497";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_sync_run\" ADD \"closedTime\" TIMESTAMP");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_sync_run\" DROP COLUMN \"closedTime\"");
  }
}
