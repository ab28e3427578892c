import type { MigrationInterface, QueryRunner } from "typeorm";

export class RemoteRecordAuthor1796281164903 implements MigrationInterface {
  name = "RemoteRecordAuthor1796281164903";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_remote_record_author\" (\"system\" character varying(8) NOT NULL, \"module\" character varying(32) NOT NULL, \"recordId\" character varying(36) NOT NULL, \"createdBy\" character varying(36), \"modifiedBy\" character varying(36) NOT NULL, \"vendorModifiedTime\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_6fd47b71087b5fd8d903ae6ec16\" PRIMARY KEY (\"system\", \"module\", \"recordId\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gw_remote_record_author\"");
  }
}
