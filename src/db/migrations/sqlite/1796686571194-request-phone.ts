import type { MigrationInterface, QueryRunner } from "typeorm";

export class RequestPhone1796686571194 implements MigrationInterface {
  name = "RequestPhone1796686571194";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_f399939621ab94d092c5d65d3d\"");
    await queryRunner.query("DROP INDEX \"IDX_bf4bd8cd9e6d4d43300d5a75a7\"");
    await queryRunner.query("DROP INDEX \"IDX_4621e19ce77cd3487491084f84\"");
    await queryRunner.query("DROP INDEX \"IDX_d95bb6a4e94916f944d42140f6\"");
    await queryRunner.query("DROP INDEX \"IDX_7adc7792d49a16d367c434a187\"");
    await queryRunner.query("DROP INDEX \"IDX_74b75834193675dcc877961de1\"");
    await queryRunner.query("DROP INDEX \"IDX_95e0ba278ec8c2ac08eefa5c10\"");
    await queryRunner.query("CREATE TABLE \"temporary_fsm_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"createdTime\" datetime NOT NULL, \"modifiedTime\" datetime NOT NULL, \"createdBy\" varchar(64), \"modifiedBy\" varchar(64), \"version\" integer NOT NULL DEFAULT (1), \"customFields\" text, \"summary\" varchar(255) NOT NULL, \"priority\" varchar(16), \"status\" varchar(32) NOT NULL DEFAULT ('New'), \"companyId\" varchar(36), \"contactId\" varchar(36), \"assetId\" varchar(36), \"dueDate\" date, \"preferredDate\" date, \"preferredTime\" varchar(16), \"phone\" varchar(255))");
    await queryRunner.query("INSERT INTO \"temporary_fsm_request\"(\"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"summary\", \"priority\", \"status\", \"companyId\", \"contactId\", \"assetId\", \"dueDate\", \"preferredDate\", \"preferredTime\") SELECT \"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"summary\", \"priority\", \"status\", \"companyId\", \"contactId\", \"assetId\", \"dueDate\", \"preferredDate\", \"preferredTime\" FROM \"fsm_request\"");
    await queryRunner.query("DROP TABLE \"fsm_request\"");
    await queryRunner.query("ALTER TABLE \"temporary_fsm_request\" RENAME TO \"fsm_request\"");
    await queryRunner.query("CREATE INDEX \"IDX_f399939621ab94d092c5d65d3d\" ON \"fsm_request\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_bf4bd8cd9e6d4d43300d5a75a7\" ON \"fsm_request\" (\"assetId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4621e19ce77cd3487491084f84\" ON \"fsm_request\" (\"contactId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d95bb6a4e94916f944d42140f6\" ON \"fsm_request\" (\"companyId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7adc7792d49a16d367c434a187\" ON \"fsm_request\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_74b75834193675dcc877961de1\" ON \"fsm_request\" (\"summary\") ");
    await queryRunner.query("CREATE INDEX \"IDX_95e0ba278ec8c2ac08eefa5c10\" ON \"fsm_request\" (\"modifiedTime\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_95e0ba278ec8c2ac08eefa5c10\"");
    await queryRunner.query("DROP INDEX \"IDX_74b75834193675dcc877961de1\"");
    await queryRunner.query("DROP INDEX \"IDX_7adc7792d49a16d367c434a187\"");
    await queryRunner.query("DROP INDEX \"IDX_d95bb6a4e94916f944d42140f6\"");
    await queryRunner.query("DROP INDEX \"IDX_4621e19ce77cd3487491084f84\"");
    await queryRunner.query("DROP INDEX \"IDX_bf4bd8cd9e6d4d43300d5a75a7\"");
    await queryRunner.query("DROP INDEX \"IDX_f399939621ab94d092c5d65d3d\"");
    await queryRunner.query("ALTER TABLE \"fsm_request\" RENAME TO \"temporary_fsm_request\"");
    await queryRunner.query("CREATE TABLE \"fsm_request\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"createdTime\" datetime NOT NULL, \"modifiedTime\" datetime NOT NULL, \"createdBy\" varchar(64), \"modifiedBy\" varchar(64), \"version\" integer NOT NULL DEFAULT (1), \"customFields\" text, \"summary\" varchar(255) NOT NULL, \"priority\" varchar(16), \"status\" varchar(32) NOT NULL DEFAULT ('New'), \"companyId\" varchar(36), \"contactId\" varchar(36), \"assetId\" varchar(36), \"dueDate\" date, \"preferredDate\" date, \"preferredTime\" varchar(16))");
    await queryRunner.query("INSERT INTO \"fsm_request\"(\"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"summary\", \"priority\", \"status\", \"companyId\", \"contactId\", \"assetId\", \"dueDate\", \"preferredDate\", \"preferredTime\") SELECT \"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"summary\", \"priority\", \"status\", \"companyId\", \"contactId\", \"assetId\", \"dueDate\", \"preferredDate\", \"preferredTime\" FROM \"temporary_fsm_request\"");
    await queryRunner.query("DROP TABLE \"temporary_fsm_request\"");
    await queryRunner.query("CREATE INDEX \"IDX_95e0ba278ec8c2ac08eefa5c10\" ON \"fsm_request\" (\"modifiedTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_74b75834193675dcc877961de1\" ON \"fsm_request\" (\"summary\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7adc7792d49a16d367c434a187\" ON \"fsm_request\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d95bb6a4e94916f944d42140f6\" ON \"fsm_request\" (\"companyId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4621e19ce77cd3487491084f84\" ON \"fsm_request\" (\"contactId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_bf4bd8cd9e6d4d43300d5a75a7\" ON \"fsm_request\" (\"assetId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_f399939621ab94d092c5d65d3d\" ON \"fsm_request\" (\"createdTime\", \"id\") ");
  }
}
