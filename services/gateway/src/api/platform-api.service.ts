import { Injectable } from '@nestjs/common';
import { severityName, severityToProto, subjectTypeName, subjectTypeToProto, type SubjectInput, type SubjectProfile } from '@credit/contracts';
import type { Caller } from '../auth/clients.service';
import { Backends } from './backends';
import { SeverityInput, SubjectTypeInput, type CheckResult, type SubjectDto, type SubmitRecordDto, type SubmitRecordResult } from './dto';

function subjectIn(subject: SubjectDto): SubjectInput {
  return {
    type: subjectTypeToProto(subject.type),
    name: subject.name,
    uscc: subject.uscc ?? '',
    idNumber: subject.idNumber ?? '',
  };
}

/** What REST and GraphQL both call: one mapping between the public API and the services' gRPC. */
@Injectable()
export class PlatformApi {
  constructor(private readonly backends: Backends) {}

  async submitRecord(caller: Caller, input: SubmitRecordDto): Promise<SubmitRecordResult> {
    const result = await this.backends.submitRecord({
      providerDepartmentId: caller.departmentId,
      catalogueItemCode: input.catalogueItemCode,
      subject: subjectIn(input.subject),
      decisionNumber: input.decisionNumber,
      decisionDate: input.decisionDate,
      severity: severityToProto(input.severity),
      fieldsJson: JSON.stringify(input.fields ?? {}),
    });
    caller.subjectKey = result.subjectKey;
    return result;
  }

  async check(caller: Caller, subject: SubjectDto): Promise<CheckResult> {
    const profile = await this.backends.getSubjectProfile({ subject: subjectIn(subject), requesterDepartmentId: caller.departmentId });
    caller.subjectKey = profile.subject?.key;
    return toCheckResult(profile);
  }
}

function toCheckResult(profile: SubjectProfile): CheckResult {
  const s = profile.subject!;
  return {
    found: profile.found,
    subject: {
      key: s.key,
      type: (subjectTypeName(s.type) ?? 'LEGAL_PERSON') as SubjectTypeInput,
      name: s.name,
      uscc: s.uscc || undefined,
      maskedIdNumber: s.maskedIdNumber || undefined,
    },
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
      fields: JSON.parse(r.fieldsJson || '{}'),
    })),
    adverseCount: profile.adverseCount,
  };
}
