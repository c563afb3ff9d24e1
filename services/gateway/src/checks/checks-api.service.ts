import { Injectable } from '@nestjs/common';
import { severityName, type CheckResult, type SubjectProfile } from '@credit/contracts';
import { Backends } from '../api/backends';
import { SeverityInput, type SubjectDto } from '../api/dto';
import { subjectIn, toSubject } from '../api/platform-api.service';
import { Scopes, type Caller } from '../auth/clients.service';
import type { CheckBatchDto, CheckBatchResultView, CheckDto, CheckLogPageView, CheckLogQueryDto, CheckResultView } from './checks.dto';

/** Checks (逢办必查) for REST and GraphQL alike: the requesting department always comes from the token. */
@Injectable()
export class ChecksApi {
  constructor(private readonly backends: Backends) {}

  async check(caller: Caller, input: CheckDto): Promise<CheckResultView> {
    const result = await this.backends.check({
      subject: subjectIn(input.subject),
      matterType: input.matterType,
      matterReference: input.matterReference ?? '',
      purpose: input.purpose ?? '',
      operator: input.operator ?? '',
      requesterDepartmentId: caller.departmentId,
      requesterClientId: caller.clientId,
      authorisedRestricted: mayReadRestricted(caller),
    });
    caller.subjectKey = result.subject?.key;
    return toCheckResult(result);
  }

  async checkBatch(caller: Caller, input: CheckBatchDto): Promise<CheckBatchResultView> {
    const result = await this.backends.checkBatch({
      subjects: input.subjects.map(subjectIn),
      matterType: input.matterType,
      matterReference: input.matterReference ?? '',
      purpose: input.purpose ?? '',
      operator: input.operator ?? '',
      requesterDepartmentId: caller.departmentId,
      requesterClientId: caller.clientId,
      authorisedRestricted: mayReadRestricted(caller),
    });
    return {
      batchId: result.batchId,
      items: result.items.map((item) => ({
        index: item.index,
        result: item.result ? toCheckResult(item.result) : undefined,
        errors: item.errors.map((e) => ({ code: e.code, field: e.field, message: { zh: e.messageZh, en: e.messageEn } })),
      })),
    };
  }

  /** A department reads its own checks; the credit office (admin scope) every department's. */
  async checkLog(caller: Caller, filter: CheckLogQueryDto): Promise<CheckLogPageView> {
    const page = await this.backends.queryCheckLog({
      requesterDepartmentId: caller.departmentId,
      allDepartments: caller.scopes.includes(Scopes.admin),
      departmentId: filter.departmentId ?? '',
      subject: filter.subject ? subjectIn(filter.subject as SubjectDto) : undefined,
      matterReference: filter.matterReference ?? '',
      from: filter.from ?? '',
      to: filter.to ?? '',
      cursor: filter.cursor ?? '',
      pageSize: filter.pageSize ?? 20,
    });
    return {
      entries: page.entries.map((e) => ({ ...e, sequence: String(e.sequence), batchId: e.batchId || undefined })),
      nextCursor: page.nextCursor || undefined,
    };
  }
}

/** AUTHORISED_ONLY information (授权查询) is shown to clients with personal-data:read (or the credit office). */
function mayReadRestricted(caller: Caller): boolean {
  return caller.scopes.includes(Scopes.personalDataRead) || caller.scopes.includes(Scopes.admin);
}

export function toCheckResult(result: CheckResult): CheckResultView {
  const profile = result.profile as SubjectProfile;
  return {
    checkId: result.checkId,
    verdict: result.verdict,
    reason: result.reason ?? { zh: '', en: '' },
    found: result.found,
    subject: toSubject(result.subject),
    measures: result.measures.map((m) => ({
      ...m,
      content: m.content ?? { zh: '', en: '' },
      implementingBody: m.implementingBody ?? { zh: '', en: '' },
    })),
    evidence: result.evidence.map((e) => ({ ...e, description: e.description ?? { zh: '', en: '' } })),
    noticeText: result.noticeText || undefined,
    policyVersion: result.policyVersion,
    checkedAt: result.checkedAt,
    matterType: result.matterType,
    matterReference: result.matterReference || undefined,
    subjectGroups: result.subjectGroups,
    records: profile.records.map((r) => ({
      recordId: r.recordId,
      version: r.version,
      catalogueItemCode: r.catalogueItemCode,
      category: r.category,
      providerDepartmentId: r.providerDepartmentId,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      adverse: r.adverse,
      severity: severityName(r.severity) as SeverityInput | undefined,
      publicityStart: r.publicityStart || undefined,
      publicityEnd: r.publicityEnd || undefined,
      status: r.status,
      underObjection: r.objectionId !== '',
      disclosure: r.disclosure || 'PUBLIC',
      withheld: r.withheld,
      fields: JSON.parse(r.fieldsJson || '{}'),
    })),
    lists: profile.lists.map((e) => ({
      entryId: e.entryId,
      listType: e.listType,
      status: e.status,
      periodStart: e.periodStart || undefined,
      periodEnd: e.periodEnd || undefined,
      identifyingDepartmentId: e.identifyingDepartmentId,
      relatedToEntryId: e.relatedToEntryId || undefined,
      relation: e.relation || undefined,
      underObjection: e.objectionId !== '' || e.status === 'SUSPENDED',
    })),
    adverseCount: profile.adverseCount,
  };
}
