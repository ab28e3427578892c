import type { MigrationInterface, QueryRunner } from "typeorm";

export class RequestPhone1796686571194 implements MigrationInterface {
  name = "RequestPhone1796686571194";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"fsm_request\" ADD \"phone\" character varying(255)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"fsm_request\" DROP COLUMN \"phone\"");
  }
}
