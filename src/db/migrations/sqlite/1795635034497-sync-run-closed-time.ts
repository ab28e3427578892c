import type { MigrationInterface, QueryRunner } from "typeorm";

export class SyncRunClosedTime1795635034497 implements MigrationInterface {
  name = "SyncRunClosedTime1795635034497";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_e9d71936a1768444953cc0da54\"");
    await queryRunner.query("CREATE TABLE \"temporary_gw_sync_run\" (\"id\" varchar(40) PRIMARY KEY NOT NULL, \"kind\" varchar(16) NOT NULL, \"startedTime\" datetime NOT NULL, \"endsTime\" datetime NOT NULL, \"closedTime\" datetime)");
    await queryRunner.query("INSERT INTO \"temporary_gw_sync_run\"(\"id\", \"kind\", \"startedTime\", \"endsTime\") SELECT \"id\", \"kind\", \"startedTime\", \"endsTime\" FROM \"gw_sync_run\"");
    await queryRunner.query("DROP TABLE \"gw_sync_run\"");
    await queryRunner.query("ALTER TABLE \"temporary_gw_sync_run\" RENAME TO \"gw_sync_run\"");
    await queryRunner.query("CREATE INDEX \"IDX_e9d71936a1768444953cc0da54\" ON \"gw_sync_run\" (\"startedTime\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_e9d71936a1768444953cc0da54\"");
    await queryRunner.query("ALTER TABLE \"gw_sync_run\" RENAME TO \"temporary_gw_sync_run\"");
    await queryRunner.query("CREATE TABLE \"gw_sync_run\" (\"id\" varchar(40) PRIMARY KEY NOT NULL, \"kind\" varchar(16) NOT NULL, \"startedTime\" datetime NOT NULL, \"endsTime\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"gw_sync_run\"(\"id\", \"kind\", \"startedTime\", \"endsTime\") SELECT \"id\", \"kind\", \"startedTime\", \"endsTime\" FROM \"temporary_gw_sync_run\"");
    await queryRunner.query("DROP TABLE \"temporary_gw_sync_run\"");
    await queryRunner.query("CREATE INDEX \"IDX_e9d71936a1768444953cc0da54\" ON \"gw_sync_run\" (\"startedTime\") ");
  }
}
