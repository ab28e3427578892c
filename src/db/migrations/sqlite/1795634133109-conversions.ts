import type { MigrationInterface, QueryRunner } from "typeorm";

export class Conversions1795634133109 implements MigrationInterface {
  name = "Conversions1795634133109";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_conversion_mapping\" (\"source\" varchar(32) NOT NULL, \"target\" varchar(32) NOT NULL, \"fields\" text NOT NULL, \"modifiedTime\" datetime NOT NULL, \"modifiedBy\" varchar(36), PRIMARY KEY (\"source\", \"target\"))");
    await queryRunner.query("CREATE TABLE \"gw_idempotency_key\" (\"id\" varchar(200) PRIMARY KEY NOT NULL, \"request\" varchar(200) NOT NULL, \"resultModule\" varchar(32) NOT NULL, \"resultId\" varchar(36) NOT NULL, \"createdTime\" datetime NOT NULL)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gw_idempotency_key\"");
    await queryRunner.query("DROP TABLE \"gw_conversion_mapping\"");
  }
}
