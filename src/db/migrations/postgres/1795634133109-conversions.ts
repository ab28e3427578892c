import type { MigrationInterface, QueryRunner } from "typeorm";

export class Conversions1795634133109 implements MigrationInterface {
  name = "Conversions1795634133109";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_conversion_mapping\" (\"source\" character varying(32) NOT NULL, \"target\" character varying(32) NOT NULL, \"fields\" text NOT NULL, \"modifiedTime\" TIMESTAMP NOT NULL, \"modifiedBy\" character varying(36), CONSTRAINT \"PK_0f41cd2dd4aa31a934149997937\" PRIMARY KEY (\"source\", \"target\"))");
    await queryRunner.query("CREATE TABLE \"gw_idempotency_key\" (\"id\" character varying(200) NOT NULL, \"request\" character varying(200) NOT NULL, \"resultModule\" character varying(32) NOT NULL, \"resultId\" character varying(36) NOT NULL, \"createdTime\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_5a046502ba0137d1af8663daecc\" PRIMARY KEY (\"id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gw_idempotency_key\"");
    await queryRunner.query("DROP TABLE \"gw_conversion_mapping\"");
  }
}
