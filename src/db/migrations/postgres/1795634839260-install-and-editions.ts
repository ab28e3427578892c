import type { MigrationInterface, QueryRunner } from "typeorm";

export class InstallAndEditions1795634839260 implements MigrationInterface {
  name = "InstallAndEditions1795634839260";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"crmEdition\" character varying(16) NOT NULL DEFAULT 'STANDARD'");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"fsmEdition\" character varying(16) NOT NULL DEFAULT 'STANDARD'");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"installState\" character varying(16) NOT NULL DEFAULT 'INTEGRATED'");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"installMode\" character varying(16) NOT NULL DEFAULT 'ALL_USERS'");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"installProfiles\" text");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"statusReason\" character varying(255)");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"crmBaseUrl\" character varying(255)");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ADD \"fsmBaseUrl\" character varying(255)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"fsmBaseUrl\"");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"crmBaseUrl\"");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"statusReason\"");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"installProfiles\"");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"installMode\"");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"installState\"");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"fsmEdition\"");
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" DROP COLUMN \"crmEdition\"");
  }
}
