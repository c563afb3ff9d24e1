import { Injectable } from '@nestjs/common';
import { severityToProto, subjectTypeName, subjectTypeToProto, type SubjectInput, type SubjectRef } from '@credit/contracts';
import type { Caller } from '../auth/clients.service';
import { Backends } from './backends';
import { SubjectTypeInput, type SubjectDto, type SubjectView, type SubmitRecordDto, type SubmitRecordResult } from './dto';

export function subjectIn(subject: SubjectDto): SubjectInput {
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
}

/** A subject as the API returns it: never the full ID number. */
export function toSubject(s: SubjectRef | undefined): SubjectView {
  return {
    key: s?.key ?? '',
    type: (subjectTypeName(s?.type) ?? SubjectTypeInput.LEGAL_PERSON) as SubjectTypeInput,
    name: s?.name ?? '',
    uscc: s?.uscc || undefined,
    maskedIdNumber: s?.maskedIdNumber || undefined,
  };
}
