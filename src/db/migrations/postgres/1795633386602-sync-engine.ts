import type { MigrationInterface, QueryRunner } from "typeorm";

export class SyncEngine1795633386602 implements MigrationInterface {
  name = "SyncEngine1795633386602";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_sync_settings\" (\"pair\" character varying(40) NOT NULL, \"enabled\" boolean NOT NULL DEFAULT true, \"direction\" character varying(16) NOT NULL DEFAULT 'TWO_WAY', \"onCrmDelete\" character varying(16) NOT NULL DEFAULT 'SUSPEND', \"onFsmDelete\" character varying(16) NOT NULL DEFAULT 'SUSPEND', \"modifiedTime\" TIMESTAMP NOT NULL, \"modifiedBy\" character varying(36), CONSTRAINT \"PK_2662dfe20f5e5128ad863e369f0\" PRIMARY KEY (\"pair\"))");
    await queryRunner.query("CREATE TABLE \"gw_settings_change\" (\"id\" character varying(36) NOT NULL, \"subject\" character varying(80) NOT NULL, \"before\" text NOT NULL, \"after\" text NOT NULL, \"userId\" character varying(36) NOT NULL, \"time\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_c98e2441aa05bcea3f015d3271f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_f12d511e61f62282c8508f3694\" ON \"gw_settings_change\"  (\"time\") ");
    await queryRunner.query("CREATE TABLE \"gw_field_mapping\" (\"id\" character varying(36) NOT NULL, \"pair\" character varying(40) NOT NULL, \"position\" integer NOT NULL, \"crmField\" character varying(64) NOT NULL, \"fsmField\" character varying(64) NOT NULL, \"valueMap\" text, \"fsmDefault\" character varying(128), CONSTRAINT \"PK_d57ac6bdf00c7e3d00f081c4448\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_0c19804b6b6b040ed44814c174\" ON \"gw_field_mapping\"  (\"pair\", \"position\") ");
    await queryRunner.query("CREATE TABLE \"gw_personal_data_setting\" (\"system\" character varying(8) NOT NULL, \"module\" character varying(32) NOT NULL, \"restrictNormal\" boolean NOT NULL DEFAULT false, \"restrictSensitive\" boolean NOT NULL DEFAULT false, \"modifiedTime\" TIMESTAMP NOT NULL, \"modifiedBy\" character varying(36), CONSTRAINT \"PK_59233d0fefc179855241558fd2e\" PRIMARY KEY (\"system\", \"module\"))");
    await queryRunner.query("CREATE TABLE \"gw_outbox\" (\"id\" SERIAL NOT NULL, \"side\" character varying(8) NOT NULL, \"module\" character varying(32) NOT NULL, \"recordId\" character varying(36) NOT NULL, \"operation\" character varying(8) NOT NULL, \"values\" text, \"origin\" character varying(8) NOT NULL, \"userId\" character varying(36), \"state\" character varying(8) NOT NULL DEFAULT 'PENDING', \"attempts\" integer NOT NULL DEFAULT '0', \"nextAttemptTime\" TIMESTAMP NOT NULL, \"lastError\" character varying(500), \"createdTime\" TIMESTAMP NOT NULL, \"processedTime\" TIMESTAMP, CONSTRAINT \"PK_26999c48b6ba4ae7d24403b5cef\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_64fe9ec59b35246d834a37c6a0\" ON \"gw_outbox\"  (\"side\", \"module\", \"recordId\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4ff2d3fbb7339bddfb60ea062c\" ON \"gw_outbox\"  (\"state\", \"nextAttemptTime\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"gw_sync_run\" (\"id\" character varying(40) NOT NULL, \"kind\" character varying(16) NOT NULL, \"startedTime\" TIMESTAMP NOT NULL, \"endsTime\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_219fd7def2eb72b60a9a986b4a7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e9d71936a1768444953cc0da54\" ON \"gw_sync_run\"  (\"startedTime\") ");
    await queryRunner.query("CREATE TABLE \"gw_sync_event\" (\"id\" character varying(36) NOT NULL, \"runId\" character varying(40) NOT NULL, \"entryId\" integer, \"pair\" character varying(40) NOT NULL, \"flow\" character varying(16) NOT NULL, \"operation\" character varying(8) NOT NULL, \"crmId\" character varying(36), \"fsmId\" character varying(36), \"status\" character varying(8) NOT NULL, \"reason\" character varying(40), \"message\" character varying(500), \"skippedPersonalFields\" integer NOT NULL DEFAULT '0', \"conflicts\" text, \"time\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_12d667e059058a97bcacc1cb736\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_6ee4ca16f8a0d458af1d331aa5\" ON \"gw_sync_event\"  (\"fsmId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9646af937a8b178f852e8cdf4f\" ON \"gw_sync_event\"  (\"crmId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_cf92d7fec662444e7dad16495f\" ON \"gw_sync_event\"  (\"runId\", \"status\", \"reason\") ");
    await queryRunner.query("CREATE TABLE \"gw_timeline_entry\" (\"id\" character varying(36) NOT NULL, \"fsmModule\" character varying(32) NOT NULL, \"fsmId\" character varying(36) NOT NULL, \"kind\" character varying(32) NOT NULL, \"message\" character varying(500) NOT NULL, \"time\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_75bb0e5e59feeb993428c63b2f0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_355ef33efe51d876ffa0f7e3bc\" ON \"gw_timeline_entry\"  (\"fsmModule\", \"fsmId\", \"time\") ");
    await queryRunner.query("ALTER TABLE \"gw_sync_link\" ADD \"shadow\" text");
    await queryRunner.query("ALTER TABLE \"gw_sync_link\" ADD \"lastSyncError\" character varying(500)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gw_sync_link\" DROP COLUMN \"lastSyncError\"");
    await queryRunner.query("ALTER TABLE \"gw_sync_link\" DROP COLUMN \"shadow\"");
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
