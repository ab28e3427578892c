import type { MigrationInterface, QueryRunner } from "typeorm";

export class OrgSettings1795634268096 implements MigrationInterface {
  name = "OrgSettings1795634268096";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_org_settings\" (\"id\" varchar(16) PRIMARY KEY NOT NULL, \"financeSuiteIntegrated\" boolean NOT NULL DEFAULT (0), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gw_org_settings\"");
  }
}
