import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreatedTimeIndex1795638890296 implements MigrationInterface {
  name = "CreatedTimeIndex1795638890296";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"IDX_92cd38a42d853310e71c2cec65\" ON \"crm_account\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_367e8fdb1e25f2be5e9acbc5d2\" ON \"crm_contact\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_dacd6e7540691b5e705118e4b3\" ON \"crm_product\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_a4c363655df2e6e9e4e86dbf0b\" ON \"crm_deal\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d428d85034c1830f4a63cc2324\" ON \"crm_sales_order\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_470d06427346c8345e3e673b0e\" ON \"crm_sales_order_line_item\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_1b29d1b9ee12e7340f499405fe\" ON \"fsm_company\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5a53a6c58e68af9049bc669330\" ON \"fsm_contact\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_8810c6a543c41d0d485290ced3\" ON \"fsm_service_and_part\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_f399939621ab94d092c5d65d3d\" ON \"fsm_request\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_049a2c1a8090eb2cfc32b735dc\" ON \"fsm_estimate\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_978f6efb6307f50d3290519ffa\" ON \"fsm_estimate_line_item\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_28c4faf9483bfb00efc0ce8135\" ON \"fsm_work_order\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_df3c2883b9eb849acbfbc08c4c\" ON \"fsm_work_order_line_item\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_10727fa2f5a55d0be9116ec4f8\" ON \"fsm_service_appointment\" (\"createdTime\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ce335442623e17bdc00a38f406\" ON \"fsm_asset\" (\"createdTime\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_ce335442623e17bdc00a38f406\"");
    await queryRunner.query("DROP INDEX \"IDX_10727fa2f5a55d0be9116ec4f8\"");
    await queryRunner.query("DROP INDEX \"IDX_df3c2883b9eb849acbfbc08c4c\"");
    await queryRunner.query("DROP INDEX \"IDX_28c4faf9483bfb00efc0ce8135\"");
    await queryRunner.query("DROP INDEX \"IDX_978f6efb6307f50d3290519ffa\"");
    await queryRunner.query("DROP INDEX \"IDX_049a2c1a8090eb2cfc32b735dc\"");
    await queryRunner.query("DROP INDEX \"IDX_f399939621ab94d092c5d65d3d\"");
    await queryRunner.query("DROP INDEX \"IDX_8810c6a543c41d0d485290ced3\"");
    await queryRunner.query("DROP INDEX \"IDX_5a53a6c58e68af9049bc669330\"");
    await queryRunner.query("DROP INDEX \"IDX_1b29d1b9ee12e7340f499405fe\"");
    await queryRunner.query("DROP INDEX \"IDX_470d06427346c8345e3e673b0e\"");
    await queryRunner.query("DROP INDEX \"IDX_d428d85034c1830f4a63cc2324\"");
    await queryRunner.query("DROP INDEX \"IDX_a4c363655df2e6e9e4e86dbf0b\"");
    await queryRunner.query("DROP INDEX \"IDX_dacd6e7540691b5e705118e4b3\"");
    await queryRunner.query("DROP INDEX \"IDX_367e8fdb1e25f2be5e9acbc5d2\"");
    await queryRunner.query("DROP INDEX \"IDX_92cd38a42d853310e71c2cec65\"");
  }
}
