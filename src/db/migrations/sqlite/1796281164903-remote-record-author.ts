import type { MigrationInterface, QueryRunner } from "typeorm";

export class RemoteRecordAuthor1796281164903 implements MigrationInterface {
  name = "RemoteRecordAuthor1796281164903";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_remote_record_author\" (\"system\" varchar(8) NOT NULL, \"module\" varchar(32) NOT NULL, \"recordId\" varchar(36) NOT NULL, \"createdBy\" varchar(36), \"modifiedBy\" varchar(36) NOT NULL, \"vendorModifiedTime\" datetime NOT NULL, PRIMARY KEY (\"system\", \"module\", \"recordId\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gw_remote_record_author\"");
  }
}
