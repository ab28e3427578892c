import type { MigrationInterface, QueryRunner } from "typeorm";

export class SalesOrderTax1796689800762 implements MigrationInterface {
  name = "SalesOrderTax1796689800762";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"crm_sales_order\" ADD \"tax\" numeric(14,2)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"crm_sales_order\" DROP COLUMN \"tax\"");
  }
}
