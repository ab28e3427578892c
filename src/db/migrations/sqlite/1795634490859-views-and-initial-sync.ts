import type { MigrationInterface, QueryRunner } from "typeorm";

export class ViewsAndInitialSync1795634490859 implements MigrationInterface {
  name = "ViewsAndInitialSync1795634490859";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"crm_view\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"module\" varchar(32) NOT NULL, \"name\" varchar(128) NOT NULL, \"conditions\" text NOT NULL, \"createdTime\" datetime NOT NULL)");
    await queryRunner.query("CREATE TABLE \"gw_initial_sync_job\" (\"id\" varchar(40) PRIMARY KEY NOT NULL, \"state\" varchar(16) NOT NULL, \"duplicateMode\" varchar(16) NOT NULL, \"phaseIndex\" integer NOT NULL DEFAULT (0), \"cursor\" varchar(300), \"done\" integer NOT NULL DEFAULT (0), \"total\" integer NOT NULL DEFAULT (0), \"counts\" text NOT NULL, \"error\" varchar(500), \"startedBy\" varchar(36), \"startedTime\" datetime NOT NULL, \"finishedTime\" datetime)");
    await queryRunner.query("CREATE TABLE \"temporary_gw_sync_settings\" (\"pair\" varchar(40) PRIMARY KEY NOT NULL, \"enabled\" boolean NOT NULL DEFAULT (1), \"direction\" varchar(16) NOT NULL DEFAULT ('TWO_WAY'), \"onCrmDelete\" varchar(16) NOT NULL DEFAULT ('SUSPEND'), \"onFsmDelete\" varchar(16) NOT NULL DEFAULT ('SUSPEND'), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36), \"crmViewId\" varchar(36))");
    await queryRunner.query("INSERT INTO \"temporary_gw_sync_settings\"(\"pair\", \"enabled\", \"direction\", \"onCrmDelete\", \"onFsmDelete\", \"modifiedTime\", \"modifiedBy\") SELECT \"pair\", \"enabled\", \"direction\", \"onCrmDelete\", \"onFsmDelete\", \"modifiedTime\", \"modifiedBy\" FROM \"gw_sync_settings\"");
    await queryRunner.query("DROP TABLE \"gw_sync_settings\"");
    await queryRunner.query("ALTER TABLE \"temporary_gw_sync_settings\" RENAME TO \"gw_sync_settings\"");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_sync_settings\" RENAME TO \"temporary_gw_sync_settings\"");
    await queryRunner.query("CREATE TABLE \"gw_sync_settings\" (\"pair\" varchar(40) PRIMARY KEY NOT NULL, \"enabled\" boolean NOT NULL DEFAULT (1), \"direction\" varchar(16) NOT NULL DEFAULT ('TWO_WAY'), \"onCrmDelete\" varchar(16) NOT NULL DEFAULT ('SUSPEND'), \"onFsmDelete\" varchar(16) NOT NULL DEFAULT ('SUSPEND'), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36))");
    await queryRunner.query("INSERT INTO \"gw_sync_settings\"(\"pair\", \"enabled\", \"direction\", \"onCrmDelete\", \"onFsmDelete\", \"modifiedTime\", \"modifiedBy\") SELECT \"pair\", \"enabled\", \"direction\", \"onCrmDelete\", \"onFsmDelete\", \"modifiedTime\", \"modifiedBy\" FROM \"temporary_gw_sync_settings\"");
    await queryRunner.query("DROP TABLE \"temporary_gw_sync_settings\"");
    await queryRunner.query("DROP TABLE \"gw_initial_sync_job\"");
    await queryRunner.query("DROP TABLE \"crm_view\"");
  }
}
