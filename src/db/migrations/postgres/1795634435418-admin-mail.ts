import type { MigrationInterface, QueryRunner } from "typeorm";

export class AdminMail1795634435418 implements MigrationInterface {
  name = "AdminMail1795634435418";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gw_mail_message\" (\"id\" character varying(36) NOT NULL, \"to\" text NOT NULL, \"subject\" character varying(255) NOT NULL, \"text\" text NOT NULL, \"transport\" character varying(16) NOT NULL, \"createdTime\" TIMESTAMP NOT NULL, \"deliveredTime\" TIMESTAMP, \"error\" text, CONSTRAINT \"PK_18ca6dd541b4213afde07f04ef1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_51b32d55648d87d16ecf7a9ae5\" ON \"gw_mail_message\"  (\"createdTime\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_51b32d55648d87d16ecf7a9ae5\"");
    await queryRunner.query("DROP TABLE \"gw_mail_message\"");
  }
}
