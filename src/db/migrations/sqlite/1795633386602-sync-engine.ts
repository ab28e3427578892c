import type { MigrationInterface, QueryRunner } from "typeorm";

export class SyncEngine1795633386602 implements MigrationInterface {
  name = "SyncEngine1795633386602";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_sync_settings\" (\"pair\" varchar(40) PRIMARY KEY NOT NULL, \"enabled\" boolean NOT NULL DEFAULT (1), \"direction\" varchar(16) NOT NULL DEFAULT ('TWO_WAY'), \"onCrmDelete\" varchar(16) NOT NULL DEFAULT ('SUSPEND'), \"onFsmDelete\" varchar(16) NOT NULL DEFAULT ('SUSPEND'), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36))");
    await queryRunner.query("CREATE TABLE \"gw_settings_change\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"subject\" varchar(80) NOT NULL, \"before\" text NOT NULL, \"after\" text NOT NULL, \"userId\" varchar(36) NOT NULL, \"time\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_f12d511e61f62282c8508f3694\" ON \"gw_settings_change\" (\"time\") ");
    await queryRunner.query("CREATE TABLE \"gw_field_mapping\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"pair\" varchar(40) NOT NULL, \"position\" integer NOT NULL, \"crmField\" varchar(64) NOT NULL, \"fsmField\" varchar(64) NOT NULL, \"valueMap\" text, \"fsmDefault\" varchar(128))");
    await queryRunner.query("CREATE INDEX \"IDX_0c19804b6b6b040ed44814c174\" ON \"gw_field_mapping\" (\"pair\", \"position\") ");
    await queryRunner.query("CREATE TABLE \"gw_personal_data_setting\" (\"system\" varchar(8) NOT NULL, \"module\" varchar(32) NOT NULL, \"restrictNormal\" boolean NOT NULL DEFAULT (0), \"restrictSensitive\" boolean NOT NULL DEFAULT (0), \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36), PRIMARY KEY (\"system\", \"module\"))");
    await queryRunner.query("CREATE TABLE \"gw_outbox\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"side\" varchar(8) NOT NULL, \"module\" varchar(32) NOT NULL, \"recordId\" varchar(36) NOT NULL, \"operation\" varchar(8) NOT NULL, \"values\" text, \"origin\" varchar(8) NOT NULL, \"userId\" varchar(36), \"state\" varchar(8) NOT NULL DEFAULT ('PENDING'), \"attempts\" integer NOT NULL DEFAULT (0), \"nextAttemptTime\" datetime NOT NULL, \"lastError\" varchar(500), \"createdTime\" datetime NOT NULL, \"processedTime\" datetime)");
    await queryRunner.query("CREATE INDEX \"IDX_64fe9ec59b35246d834a37c6a0\" ON \"gw_outbox\" (\"side\", \"module\", \"recordId\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4ff2d3fbb7339bddfb60ea062c\" ON \"gw_outbox\" (\"state\", \"nextAttemptTime\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"gw_sync_run\" (\"id\" varchar(40) PRIMARY KEY NOT NULL, \"kind\" varchar(16) NOT NULL, \"startedTime\" datetime NOT NULL, \"endsTime\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_e9d71936a1768444953cc0da54\" ON \"gw_sync_run\" (\"startedTime\") ");
    await queryRunner.query("CREATE TABLE \"gw_sync_event\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"runId\" varchar(40) NOT NULL, \"entryId\" integer, \"pair\" varchar(40) NOT NULL, \"flow\" varchar(16) NOT NULL, \"operation\" varchar(8) NOT NULL, \"crmId\" varchar(36), \"fsmId\" varchar(36), \"status\" varchar(8) NOT NULL, \"reason\" varchar(40), \"message\" varchar(500), \"skippedPersonalFields\" integer NOT NULL DEFAULT (0), \"conflicts\" text, \"time\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_6ee4ca16f8a0d458af1d331aa5\" ON \"gw_sync_event\" (\"fsmId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9646af937a8b178f852e8cdf4f\" ON \"gw_sync_event\" (\"crmId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_cf92d7fec662444e7dad16495f\" ON \"gw_sync_event\" (\"runId\", \"status\", \"reason\") ");
    await queryRunner.query("CREATE TABLE \"gw_timeline_entry\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fsmModule\" varchar(32) NOT NULL, \"fsmId\" varchar(36) NOT NULL, \"kind\" varchar(32) NOT NULL, \"message\" varchar(500) NOT NULL, \"time\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_355ef33efe51d876ffa0f7e3bc\" ON \"gw_timeline_entry\" (\"fsmModule\", \"fsmId\", \"time\") ");
    await queryRunner.query("DROP INDEX \"IDX_66e47dfb6ad5a1175ba2d71ebc\"");
    await queryRunner.query("DROP INDEX \"IDX_1c37bda83d3715efcc4b7cff67\"");
    await queryRunner.query("CREATE TABLE \"temporary_gw_sync_link\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"crmModule\" varchar(32) NOT NULL, \"crmId\" varchar(36) NOT NULL, \"fsmModule\" varchar(32) NOT NULL, \"fsmId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('ACTIVE'), \"lastSyncTime\" datetime, \"lastSyncStatus\" varchar(16), \"createdTime\" datetime NOT NULL, \"modifiedTime\" datetime NOT NULL, \"shadow\" text, \"lastSyncError\" varchar(500))");
    await queryRunner.query("INSERT INTO \"temporary_gw_sync_link\"(\"id\", \"crmModule\", \"crmId\", \"fsmModule\", \"fsmId\", \"status\", \"lastSyncTime\", \"lastSyncStatus\", \"createdTime\", \"modifiedTime\") SELECT \"id\", \"crmModule\", \"crmId\", \"fsmModule\", \"fsmId\", \"status\", \"lastSyncTime\", \"lastSyncStatus\", \"createdTime\", \"modifiedTime\" FROM \"gw_sync_link\"");
    await queryRunner.query("DROP TABLE \"gw_sync_link\"");
    await queryRunner.query("ALTER TABLE \"temporary_gw_sync_link\" RENAME TO \"gw_sync_link\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_66e47dfb6ad5a1175ba2d71ebc\" ON \"gw_sync_link\" (\"crmModule\", \"crmId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_1c37bda83d3715efcc4b7cff67\" ON \"gw_sync_link\" (\"fsmModule\", \"fsmId\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_1c37bda83d3715efcc4b7cff67\"");
    await queryRunner.query("DROP INDEX \"IDX_66e47dfb6ad5a1175ba2d71ebc\"");
    await queryRunner.query("ALTER TABLE \"gw_sync_link\" RENAME TO \"temporary_gw_sync_link\"");
    await queryRunner.query("CREATE TABLE \"gw_sync_link\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"crmModule\" varchar(32) NOT NULL, \"crmId\" varchar(36) NOT NULL, \"fsmModule\" varchar(32) NOT NULL, \"fsmId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('ACTIVE'), \"lastSyncTime\" datetime, \"lastSyncStatus\" varchar(16), \"createdTime\" datetime NOT NULL, \"modifiedTime\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"gw_sync_link\"(\"id\", \"crmModule\", \"crmId\", \"fsmModule\", \"fsmId\", \"status\", \"lastSyncTime\", \"lastSyncStatus\", \"createdTime\", \"modifiedTime\") SELECT \"id\", \"crmModule\", \"crmId\", \"fsmModule\", \"fsmId\", \"status\", \"lastSyncTime\", \"lastSyncStatus\", \"createdTime\", \"modifiedTime\" FROM \"temporary_gw_sync_link\"");
    await queryRunner.query("DROP TABLE \"temporary_gw_sync_link\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_1c37bda83d3715efcc4b7cff67\" ON \"gw_sync_link\" (\"fsmModule\", \"fsmId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_66e47dfb6ad5a1175ba2d71ebc\" ON \"gw_sync_link\" (\"crmModule\", \"crmId\") ");
    await queryRunner.query("DROP INDEX \"IDX_355ef33efe51d876ffa0f7e3bc\"");
    await queryRunner.query("DROP TABLE \"gw_timeline_entry\"");
    await queryRunner.query("DROP INDEX \"IDX_cf92d7fec662444e7dad16495f\"");
    await queryRunner.query("DROP INDEX \"IDX_9646af937a8b178f852e8cdf4f\"");
    await queryRunner.query("DROP INDEX \"IDX_6ee4ca16f8a0d458af1d331aa5\"");
    await queryRunner.query("DROP TABLE \"gw_sync_event\"");
    await queryRunner.query("DROP INDEX \"IDX_e9d71936a1768444953cc0da54\"");
    await queryRunner.query("DROP TABLE \"gw_sync_run\"");
    await queryRunner.query("DROP INDEX \"IDX_4ff2d3fbb7339bddfb60ea062c\"");
    await queryRunner.query("DROP INDEX \"IDX_64fe9ec59b35246d834a37c6a0\"");
    await queryRunner.query("DROP TABLE \"gw_outbox\"");
    await queryRunner.query("DROP TABLE \"gw_personal_data_setting\"");
    await queryRunner.query("DROP INDEX \"IDX_0c19804b6b6b040ed44814c174\"");
    await queryRunner.query("DROP TABLE \"gw_field_mapping\"");
    await queryRunner.query("DROP INDEX \"IDX_f12d511e61f62282c8508f3694\"");
    await queryRunner.query("DROP TABLE \"gw_settings_change\"");
    await queryRunner.query("DROP TABLE \"gw_sync_settings\"");
  }
}
