import type { MigrationInterface, QueryRunner } from "typeorm";

export class SalesOrderTax1796689800762 implements MigrationInterface {
  name = "SalesOrderTax1796689800762";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_d428d85034c1830f4a63cc2324\"");
    await queryRunner.query("DROP INDEX \"IDX_7756e281e5abd75c343d826764\"");
    await queryRunner.query("DROP INDEX \"IDX_4f409b58c3c8896b5d14cad8ca\"");
    await queryRunner.query("DROP INDEX \"IDX_9d7d6391a2de4798fb092f537c\"");
    await queryRunner.query("DROP INDEX \"IDX_0089041139dc84d00909154ee4\"");
    await queryRunner.query("DROP INDEX \"IDX_b44873a1f15239d172d1d2c3b5\"");
    await queryRunner.query("CREATE TABLE \"temporary_crm_sales_order\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"createdTime\" datetime NOT NULL, \"modifiedTime\" datetime NOT NULL, \"createdBy\" varchar(64), \"modifiedBy\" varchar(64), \"version\" integer NOT NULL DEFAULT (1), \"customFields\" text, \"subject\" varchar(255) NOT NULL, \"status\" varchar(64), \"dueDate\" date, \"accountId\" varchar(36), \"contactId\" varchar(36), \"dealId\" varchar(36), \"subTotal\" decimal(14,2), \"grandTotal\" decimal(14,2), \"tax\" decimal(14,2))");
    await queryRunner.query("INSERT INTO \"temporary_crm_sales_order\"(\"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"subject\", \"status\", \"dueDate\", \"accountId\", \"contactId\", \"dealId\", \"subTotal\", \"grandTotal\") SELECT \"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"subject\", \"status\", \"dueDate\", \"accountId\", \"contactId\", \"dealId\", \"subTotal\", \"grandTotal\" FROM \"crm_sales_order\"");
    await queryRunner.query("DROP TABLE \"crm_sales_order\"");
    await queryRunner.query("ALTER TABLE \"temporary_crm_sales_order\" RENAME TO \"crm_sales_order\"");
    await queryRunner.query("CREATE INDEX \"IDX_d428d85034c1830f4a63cc2324\" ON \"crm_sales_order\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7756e281e5abd75c343d826764\" ON \"crm_sales_order\" (\"dealId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4f409b58c3c8896b5d14cad8ca\" ON \"crm_sales_order\" (\"contactId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9d7d6391a2de4798fb092f537c\" ON \"crm_sales_order\" (\"accountId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0089041139dc84d00909154ee4\" ON \"crm_sales_order\" (\"subject\") ");
    await queryRunner.query("CREATE INDEX \"IDX_b44873a1f15239d172d1d2c3b5\" ON \"crm_sales_order\" (\"modifiedTime\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_b44873a1f15239d172d1d2c3b5\"");
    await queryRunner.query("DROP INDEX \"IDX_0089041139dc84d00909154ee4\"");
    await queryRunner.query("DROP INDEX \"IDX_9d7d6391a2de4798fb092f537c\"");
    await queryRunner.query("DROP INDEX \"IDX_4f409b58c3c8896b5d14cad8ca\"");
    await queryRunner.query("DROP INDEX \"IDX_7756e281e5abd75c343d826764\"");
    await queryRunner.query("DROP INDEX \"IDX_d428d85034c1830f4a63cc2324\"");
    await queryRunner.query("ALTER TABLE \"crm_sales_order\" RENAME TO \"temporary_crm_sales_order\"");
    await queryRunner.query("CREATE TABLE \"crm_sales_order\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"createdTime\" datetime NOT NULL, \"modifiedTime\" datetime NOT NULL, \"createdBy\" varchar(64), \"modifiedBy\" varchar(64), \"version\" integer NOT NULL DEFAULT (1), \"customFields\" text, \"subject\" varchar(255) NOT NULL, \"status\" varchar(64), \"dueDate\" date, \"accountId\" varchar(36), \"contactId\" varchar(36), \"dealId\" varchar(36), \"subTotal\" decimal(14,2), \"grandTotal\" decimal(14,2))");
    await queryRunner.query("INSERT INTO \"crm_sales_order\"(\"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"subject\", \"status\", \"dueDate\", \"accountId\", \"contactId\", \"dealId\", \"subTotal\", \"grandTotal\") SELECT \"id\", \"createdTime\", \"modifiedTime\", \"createdBy\", \"modifiedBy\", \"version\", \"customFields\", \"subject\", \"status\", \"dueDate\", \"accountId\", \"contactId\", \"dealId\", \"subTotal\", \"grandTotal\" FROM \"temporary_crm_sales_order\"");
    await queryRunner.query("DROP TABLE \"temporary_crm_sales_order\"");
    await queryRunner.query("CREATE INDEX \"IDX_b44873a1f15239d172d1d2c3b5\" ON \"crm_sales_order\" (\"modifiedTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0089041139dc84d00909154ee4\" ON \"crm_sales_order\" (\"subject\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9d7d6391a2de4798fb092f537c\" ON \"crm_sales_order\" (\"accountId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4f409b58c3c8896b5d14cad8ca\" ON \"crm_sales_order\" (\"contactId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7756e281e5abd75c343d826764\" ON \"crm_sales_order\" (\"dealId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d428d85034c1830f4a63cc2324\" ON \"crm_sales_order\" (\"createdTime\", \"id\") ");
  }
}
