import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedbackPublicationCleanYears1795450404472 implements MigrationInterface {
  name = 'FeedbackPublicationCleanYears1795450404472';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"check_case\" (\"check_id\" text NOT NULL, \"subject_key\" text NOT NULL, \"subject_type\" text NOT NULL, \"subject_name\" text NOT NULL, \"subject_uscc\" text, \"subject_masked_id_number\" text, \"matter_type\" text NOT NULL, \"matter_reference\" text NOT NULL, \"department_id\" text NOT NULL, \"operator\" text NOT NULL, \"verdict\" text NOT NULL, \"evidence_ids\" text array NOT NULL, \"policy_version\" text NOT NULL, \"measures_edition_id\" text NOT NULL, \"checked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"check_day\" date NOT NULL, \"feedback_due\" date NOT NULL, \"feedback_working_days\" integer NOT NULL, \"feedback_status\" text NOT NULL, \"conduct\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_check_case_check_id\" PRIMARY KEY (\"check_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_check_case_open_due\" ON \"joint_reward_punishment\".\"check_case\"  (\"feedback_due\") WHERE feedback_status <> 'COMPLETE'");
    await queryRunner.query("CREATE INDEX \"ix_check_case_department_day\" ON \"joint_reward_punishment\".\"check_case\"  (\"department_id\", \"check_day\") ");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"case_measure\" (\"check_id\" text NOT NULL, \"measure_code\" text NOT NULL, \"position\" integer NOT NULL, \"content_zh\" text NOT NULL, \"measure_type\" text NOT NULL, \"measure_class\" text NOT NULL, \"legal_basis\" text array NOT NULL, \"decision\" text, \"reason_code\" text, \"reason\" text, \"start_date\" date, \"end_date\" date, \"content\" text, \"outcome\" text, \"fed_back_by\" text, \"fed_back_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_case_measure_check_id_measure_code\" PRIMARY KEY (\"check_id\", \"measure_code\"))");
    await queryRunner.query("CREATE INDEX \"ix_case_measure_code\" ON \"joint_reward_punishment\".\"case_measure\"  (\"measure_code\") ");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"measure_notice\" (\"notice_number\" text NOT NULL, \"check_id\" text NOT NULL, \"measure_code\" text NOT NULL, \"department_id\" text NOT NULL, \"issued_on\" date NOT NULL, \"text_zh\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_measure_notice_notice_number\" PRIMARY KEY (\"notice_number\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_measure_notice_case_measure\" ON \"joint_reward_punishment\".\"measure_notice\"  (\"check_id\", \"measure_code\") ");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"subject_record_summary\" (\"subject_key\" text NOT NULL, \"subject_type\" text NOT NULL, \"subject_name\" text NOT NULL, \"subject_uscc\" text, \"subject_masked_id_number\" text, \"jurisdiction\" text NOT NULL, \"first_non_adverse_date\" date, \"first_record_date\" date, \"last_adverse_date\" date, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_subject_record_summary_subject_key\" PRIMARY KEY (\"subject_key\"))");
    await queryRunner.query("CREATE INDEX \"ix_subject_record_summary_first\" ON \"joint_reward_punishment\".\"subject_record_summary\"  (\"first_record_date\") ");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"list_publication\" (\"id\" uuid NOT NULL, \"jurisdiction\" text NOT NULL, \"year\" integer NOT NULL, \"quarter\" integer NOT NULL, \"period_start\" date NOT NULL, \"period_end\" date NOT NULL, \"published_on\" date NOT NULL, \"requested_by\" text NOT NULL, \"red_count\" integer NOT NULL, \"black_count\" integer NOT NULL, \"csv\" text NOT NULL, \"json\" text NOT NULL, \"sha256\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_list_publication_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_list_publication_quarter\" ON \"joint_reward_punishment\".\"list_publication\"  (\"jurisdiction\", \"year\", \"quarter\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"uq_list_publication_quarter\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"list_publication\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_subject_record_summary_first\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"subject_record_summary\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"uq_measure_notice_case_measure\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"measure_notice\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_case_measure_code\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"case_measure\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_check_case_department_day\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_check_case_open_due\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"check_case\"");
  }
}
