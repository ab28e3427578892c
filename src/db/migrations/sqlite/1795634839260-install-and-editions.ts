import type { MigrationInterface, QueryRunner } from "typeorm";

export class InstallAndEditions1795634839260 implements MigrationInterface {
  name = "InstallAndEditions1795634839260";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"temporary_gw_org_settings\" (\"id\" varchar(16) PRIMARY KEY NOT NULL, \"financeSuiteIntegrated\" boolean NOT NULL DEFAULT (0), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36), \"crmEdition\" varchar(16) NOT NULL DEFAULT ('STANDARD'), \"fsmEdition\" varchar(16) NOT NULL DEFAULT ('STANDARD'), \"installState\" varchar(16) NOT NULL DEFAULT ('INTEGRATED'), \"installMode\" varchar(16) NOT NULL DEFAULT ('ALL_USERS'), \"installProfiles\" text, \"statusReason\" varchar(255), \"crmBaseUrl\" varchar(255), \"fsmBaseUrl\" varchar(255))");
    await queryRunner.query("INSERT INTO \"temporary_gw_org_settings\"(\"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\") SELECT \"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\" FROM \"gw_org_settings\"");
    await queryRunner.query("DROP TABLE \"gw_org_settings\"");
    await queryRunner.query("ALTER TABLE \"temporary_gw_org_settings\" RENAME TO \"gw_org_settings\"");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" RENAME TO \"temporary_gw_org_settings\"");
    await queryRunner.query("CREATE TABLE \"gw_org_settings\" (\"id\" varchar(16) PRIMARY KEY NOT NULL, \"financeSuiteIntegrated\" boolean NOT NULL DEFAULT (0), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36))");
    await queryRunner.query("INSERT INTO \"gw_org_settings\"(\"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\") SELECT \"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\" FROM \"temporary_gw_org_settings\"");
    await queryRunner.query("DROP TABLE \"temporary_gw_org_settings\"");
  }
}
