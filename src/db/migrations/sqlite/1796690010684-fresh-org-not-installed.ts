import type { MigrationInterface, QueryRunner } from "typeorm";

export class FreshOrgNotInstalled1796690010684 implements MigrationInterface {
  name = "FreshOrgNotInstalled1796690010684";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"temporary_gw_org_settings\" (\"id\" varchar(16) PRIMARY KEY NOT NULL, \"financeSuiteIntegrated\" boolean NOT NULL DEFAULT (0), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36), \"crmEdition\" varchar(16) NOT NULL DEFAULT ('STANDARD'), \"fsmEdition\" varchar(16) NOT NULL DEFAULT ('STANDARD'), \"installState\" varchar(16) NOT NULL DEFAULT ('NOT_INSTALLED'), \"installMode\" varchar(16) NOT NULL DEFAULT ('ALL_USERS'), \"installProfiles\" text, \"statusReason\" varchar(255), \"crmBaseUrl\" varchar(255), \"fsmBaseUrl\" varchar(255))");
    await queryRunner.query("INSERT INTO \"temporary_gw_org_settings\"(\"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\", \"crmEdition\", \"fsmEdition\", \"installState\", \"installMode\", \"installProfiles\", \"statusReason\", \"crmBaseUrl\", \"fsmBaseUrl\") SELECT \"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\", \"crmEdition\", \"fsmEdition\", \"installState\", \"installMode\", \"installProfiles\", \"statusReason\", \"crmBaseUrl\", \"fsmBaseUrl\" FROM \"gw_org_settings\"");
    await queryRunner.query("DROP TABLE \"gw_org_settings\"");
    await queryRunner.query("ALTER TABLE \"temporary_gw_org_settings\" RENAME TO \"gw_org_settings\"");
    // Before this, an org without settings counted as integrated: one that already syncs stays so on upgrade.
    await queryRunner.query("INSERT INTO \"gw_org_settings\" (\"id\", \"modifiedTime\", \"installState\", \"installMode\") SELECT 'org', CURRENT_TIMESTAMP, 'INTEGRATED', 'ALL_USERS' WHERE NOT EXISTS (SELECT 1 FROM \"gw_org_settings\") AND EXISTS (SELECT 1 FROM \"gw_sync_link\")");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" RENAME TO \"temporary_gw_org_settings\"");
    await queryRunner.query("CREATE TABLE \"gw_org_settings\" (\"id\" varchar(16) PRIMARY KEY NOT NULL, \"financeSuiteIntegrated\" boolean NOT NULL DEFAULT (0), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36), \"crmEdition\" varchar(16) NOT NULL DEFAULT ('STANDARD'), \"fsmEdition\" varchar(16) NOT NULL DEFAULT ('STANDARD'), \"installState\" varchar(16) NOT NULL DEFAULT ('INTEGRATED'), \"installMode\" varchar(16) NOT NULL DEFAULT ('ALL_USERS'), \"installProfiles\" text, \"statusReason\" varchar(255), \"crmBaseUrl\" varchar(255), \"fsmBaseUrl\" varchar(255))");
    await queryRunner.query("INSERT INTO \"gw_org_settings\"(\"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\", \"crmEdition\", \"fsmEdition\", \"installState\", \"installMode\", \"installProfiles\", \"statusReason\", \"crmBaseUrl\", \"fsmBaseUrl\") SELECT \"id\", \"financeSuiteIntegrated\", \"modifiedTime\", \"modifiedBy\", \"crmEdition\", \"fsmEdition\", \"installState\", \"installMode\", \"installProfiles\", \"statusReason\", \"crmBaseUrl\", \"fsmBaseUrl\" FROM \"temporary_gw_org_settings\"");
    await queryRunner.query("DROP TABLE \"temporary_gw_org_settings\"");
  }
}
