import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SigningKeys1795442787702 implements MigrationInterface {
  name = 'SigningKeys1795442787702';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gateway\".\"signing_key\" (\"kid\" text NOT NULL, \"algorithm\" text NOT NULL, \"private_key_pem\" text NOT NULL, \"public_jwk\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"retired_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_signing_key_kid\" PRIMARY KEY (\"kid\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gateway\".\"signing_key\"");
  }
}
