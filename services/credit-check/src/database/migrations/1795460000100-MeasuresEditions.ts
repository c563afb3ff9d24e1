import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeasuresEditions1795460000100 implements MigrationInterface {
  name = 'MeasuresEditions1795460000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"credit_check\".\"measures_edition\" (\"id\" text NOT NULL, \"effective_from\" date NOT NULL, \"basis\" text array NOT NULL, \"measures\" jsonb NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_measures_edition_id\" PRIMARY KEY (\"id\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"credit_check\".\"measures_edition\"");
  }
}
