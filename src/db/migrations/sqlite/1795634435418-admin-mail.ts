import type { MigrationInterface, QueryRunner } from "typeorm";

export class AdminMail1795634435418 implements MigrationInterface {
  name = "AdminMail1795634435418";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_mail_message\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"to\" text NOT NULL, \"subject\" varchar(255) NOT NULL, \"text\" text NOT NULL, \"transport\" varchar(16) NOT NULL, \"createdTime\" datetime NOT NULL, \"deliveredTime\" datetime, \"error\" text)");
    await queryRunner.query("CREATE INDEX \"IDX_51b32d55648d87d16ecf7a9ae5\" ON \"gw_mail_message\" (\"createdTime\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_51b32d55648d87d16ecf7a9ae5\"");
    await queryRunner.query("DROP TABLE \"gw_mail_message\"");
  }
}
