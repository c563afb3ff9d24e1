import { Injectable } from '@nestjs/common';
import { AutoRuleKind, cleanYearsCutoff, jurisdictionChain, rulesInForce, type IsoDate } from '@credit/domain';
import type { Transaction } from '@credit/messaging';
import { In } from 'typeorm';
import { AutoRuleEntity } from './list-entry.entity';
import { ListEntriesService, toAutoRule } from './list-entries.service';

const S = 'joint_reward_punishment';

interface EligibleRow {
  subject_key: string;
  subject_type: string;
  subject_name: string;
  subject_uscc: string | null;
  subject_masked_id_number: string | null;
  first_record_date: string;
  last_adverse_date: string | null;
}

/**
 * The clean-years red-list rule (R-CLEAN-YEARS, a CLEAN_YEARS rule row): on the daily sweep, subjects with no
 * adverse record decided for `redList.cleanYears` years and a record older than that, and no open list entry
 * (neither red already, nor a dishonesty list, nor listed with an organisation), are proposed for the red list
 * with the rule named. One indexed query over the subjects' record summaries finds them.
 */
@Injectable()
export class CleanYearsService {
  constructor(private readonly entries: ListEntriesService) {}

  /** Proposes up to `limit` eligible subjects; `more` when others are left for the next run. */
  async sweep(tx: Transaction, asOf: IsoDate, limit: number): Promise<{ proposed: number; more: boolean }> {
    const { manager } = tx;
    const jurisdiction = this.entries.jurisdiction;
    const chain = jurisdictionChain(jurisdiction);
    const rows = await manager.findBy(AutoRuleEntity, { jurisdiction: In([...chain]), kind: AutoRuleKind.CLEAN_YEARS });
    const rule = rulesInForce(rows.map(toAutoRule), chain, asOf).find((r) => r.enabled && r.kind === AutoRuleKind.CLEAN_YEARS);
    if (!rule) return { proposed: 0, more: false };
    const params = this.entries.policies.resolve(jurisdiction, asOf).parameters;
    const cutoff = cleanYearsCutoff(asOf, params);
    const eligible = await manager.query<EligibleRow[]>(
      `SELECT s.subject_key, s.subject_type, s.subject_name, s.subject_uscc, s.subject_masked_id_number,
              to_char(s.first_record_date, 'YYYY-MM-DD') AS first_record_date,
              to_char(s.last_adverse_date, 'YYYY-MM-DD') AS last_adverse_date
         FROM ${S}.subject_record_summary s
        WHERE s.first_record_date <= $1 AND s.subject_name <> ''
          AND (s.last_adverse_date IS NULL OR s.last_adverse_date <= $1)
          AND NOT EXISTS (SELECT 1 FROM ${S}.list_entry e WHERE e.subject_key = s.subject_key AND e.status <> 'ENDED')
        ORDER BY s.subject_key
        LIMIT $2`,
      [cutoff, limit + 1],
    );
    const batch = eligible.slice(0, limit);
    for (const row of batch) {
      const history = row.last_adverse_date
        ? `最近一条失信信息决定于 ${row.last_adverse_date}，此后连续 ${params.redList.cleanYears} 年无失信记录`
        : `自 ${row.first_record_date} 起有信用记录，无失信记录`;
      await this.entries.create(tx, {
        subject: {
          key: row.subject_key,
          type: row.subject_type,
          name: row.subject_name,
          uscc: row.subject_uscc,
          maskedIdNumber: row.subject_masked_id_number,
        },
        listType: 'RED',
        rule,
        identifyingDepartmentId: `credit-office-${jurisdiction}`,
        basisText: rule.basisText,
        reason: `${rule.code}：${rule.descriptionZh}（截至 ${asOf}：${history}）`,
        basisRecordIds: [],
        jurisdiction,
        noticeDay: asOf,
        actor: `rule:${rule.code}`,
      });
    }
    return { proposed: batch.length, more: eligible.length > limit };
  }
}
