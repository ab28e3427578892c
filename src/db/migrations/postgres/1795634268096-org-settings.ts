import type { MigrationInterface, QueryRunner } from "typeorm";

export class OrgSettings1795634268096 implements MigrationInterface {
  name = "OrgSettings1795634268096";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_org_settings\" (\"id\" character varying(16) NOT NULL, \"financeSuiteIntegrated\" boolean NOT NULL DEFAULT false, \"modifiedTime\" TIMESTAMP NOT NULL, \"modifiedBy\" character varying(36), CONSTRAINT \"PK_0d2f0408eccb9e70bfcbb7c3464\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gw_org_settings\"");
  }
}
