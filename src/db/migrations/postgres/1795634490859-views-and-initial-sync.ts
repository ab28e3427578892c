import type { MigrationInterface, QueryRunner } from "typeorm";

export class ViewsAndInitialSync1795634490859 implements MigrationInterface {
  name = "ViewsAndInitialSync1795634490859";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"crm_view\" (\"id\" character varying(36) NOT NULL, \"module\" character varying(32) NOT NULL, \"name\" character varying(128) NOT NULL, \"conditions\" text NOT NULL, \"createdTime\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_1da64cb1f8259bf9831bef59045\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"gw_initial_sync_job\" (\"id\" character varying(40) NOT NULL, \"state\" character varying(16) NOT NULL, \"duplicateMode\" character varying(16) NOT NULL, \"phaseIndex\" integer NOT NULL DEFAULT '0', \"cursor\" character varying(300), \"done\" integer NOT NULL DEFAULT '0', \"total\" integer NOT NULL DEFAULT '0', \"counts\" text NOT NULL, \"error\" character varying(500), \"startedBy\" character varying(36), \"startedTime\" TIMESTAMP NOT NULL, \"finishedTime\" TIMESTAMP, CONSTRAINT \"PK_82268ffcf1d3cdea62910fd9a8d\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"gw_sync_settings\" ADD \"crmViewId\" character varying(36)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_sync_settings\" DROP COLUMN \"crmViewId\"");
    await queryRunner.query("DROP TABLE \"gw_initial_sync_job\"");
    await queryRunner.query("DROP TABLE \"crm_view\"");
  }
}
