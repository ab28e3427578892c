import type { MigrationInterface, QueryRunner } from "typeorm";

export class FreshOrgNotInstalled1796690010684 implements MigrationInterface {
  name = "FreshOrgNotInstalled1796690010684";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ALTER COLUMN \"installState\" SET DEFAULT 'NOT_INSTALLED'");
    // Before this, an org without settings counted as integrated: one that already syncs stays so on upgrade.
    await queryRunner.query("INSERT INTO \"gw_org_settings\" (\"id\", \"modifiedTime\", \"installState\", \"installMode\") SELECT 'org', CURRENT_TIMESTAMP, 'INTEGRATED', 'ALL_USERS' WHERE NOT EXISTS (SELECT 1 FROM \"gw_org_settings\") AND EXISTS (SELECT 1 FROM \"gw_sync_link\")");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_org_settings\" ALTER COLUMN \"installState\" SET DEFAULT 'INTEGRATED'");
  }
}
