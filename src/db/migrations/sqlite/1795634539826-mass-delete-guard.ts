import type { MigrationInterface, QueryRunner } from "typeorm";

export class MassDeleteGuard1795634539826 implements MigrationInterface {
  name = "MassDeleteGuard1795634539826";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_held_deletion\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"side\" varchar(8) NOT NULL, \"module\" varchar(32) NOT NULL, \"count\" integer NOT NULL, \"windowCount\" integer NOT NULL, \"linkedCount\" integer NOT NULL, \"recordIds\" text NOT NULL, \"entryIds\" text NOT NULL, \"state\" varchar(16) NOT NULL DEFAULT ('HELD'), \"createdTime\" datetime NOT NULL, \"decidedBy\" varchar(36), \"decidedTime\" datetime)");
    await queryRunner.query("CREATE INDEX \"IDX_c9f62ce37242cb7acd9b0d76de\" ON \"gw_held_deletion\" (\"side\", \"module\", \"decidedTime\") ");
    await queryRunner.query("CREATE INDEX \"IDX_6a0eafcaa08005d2089c213bf6\" ON \"gw_held_deletion\" (\"state\", \"createdTime\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9c9a3716e866a6d0ab68717b5b\" ON \"gw_outbox\" (\"side\", \"module\", \"operation\", \"createdTime\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_9c9a3716e866a6d0ab68717b5b\"");
    await queryRunner.query("DROP INDEX \"IDX_6a0eafcaa08005d2089c213bf6\"");
    await queryRunner.query("DROP INDEX \"IDX_c9f62ce37242cb7acd9b0d76de\"");
    await queryRunner.query("DROP TABLE \"gw_held_deletion\"");
  }
}
