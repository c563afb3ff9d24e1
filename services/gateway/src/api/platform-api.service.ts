import { Injectable } from '@nestjs/common';
import { severityToProto, subjectTypeToProto, type SubjectInput } from '@credit/contracts';
import type { Caller } from '../auth/clients.service';
import { Backends } from './backends';
import type { SubjectDto, SubmitRecordDto, SubmitRecordResult } from './dto';

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
