import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeasureEditionPublicationNoticeWithdrawal1795452873947 implements MigrationInterface {
  name = 'MeasureEditionPublicationNoticeWithdrawal1795452873947';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"measure_edition_publication\" (\"edition_id\" text NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_measure_edition_publication_edition_id\" PRIMARY KEY (\"edition_id\"))");
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" ADD \"status\" text NOT NULL DEFAULT 'ISSUED'");
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" ADD \"withdrawn_by_objection_id\" text");
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" ADD \"withdrawn_on\" date");
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" ADD \"withdrawal_reason\" text");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" DROP COLUMN \"withdrawal_reason\"");
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" DROP COLUMN \"withdrawn_on\"");
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" DROP COLUMN \"withdrawn_by_objection_id\"");
    await queryRunner.query("ALTER TABLE \"joint_reward_punishment\".\"measure_notice\" DROP COLUMN \"status\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"measure_edition_publication\"");
  }
}
