import { Controller } from '@nestjs/common';
import {
  RecordCollectionServiceControllerMethods,
  SeverityTier,
  SubjectType,
  type RecordCollectionServiceController,
  type SubmitRecordRequest,
  type SubmitRecordResponse,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { RecordsService } from './records.service';

const SUBJECT_TYPES: Partial<Record<SubjectType, string>> = {
  [SubjectType.SUBJECT_TYPE_LEGAL_PERSON]: 'LEGAL_PERSON',
  [SubjectType.SUBJECT_TYPE_NATURAL_PERSON]: 'NATURAL_PERSON',
};

const SEVERITIES: Partial<Record<SeverityTier, string>> = {
  [SeverityTier.SEVERITY_TIER_MINOR]: 'MINOR',
  [SeverityTier.SEVERITY_TIER_GENERAL]: 'GENERAL',
  [SeverityTier.SEVERITY_TIER_SERIOUS]: 'SERIOUS',
};

@Controller()
@RecordCollectionServiceControllerMethods()
export class RecordsGrpcController implements RecordCollectionServiceController {
  constructor(private readonly records: RecordsService) {}

  async submitRecord(request: SubmitRecordRequest): Promise<SubmitRecordResponse> {
    let fields: unknown;
    try {
      fields = request.fieldsJson ? JSON.parse(request.fieldsJson) : {};
    } catch {
      throw AppError.one('VALIDATION', 'FIELDS_INVALID', '信息项须为 JSON 对象', 'Fields must be a JSON object.', 'fields');
    }
    return this.records.submit({
      providerDepartmentId: request.providerDepartmentId,
      catalogueItemCode: request.catalogueItemCode,
      subject: {
        type: SUBJECT_TYPES[request.subject?.type ?? SubjectType.SUBJECT_TYPE_UNSPECIFIED] ?? 'UNSPECIFIED',
        name: request.subject?.name ?? '',
        uscc: request.subject?.uscc || undefined,
        idNumber: request.subject?.idNumber || undefined,
      },
      decisionNumber: request.decisionNumber,
      decisionDate: request.decisionDate,
      severity: SEVERITIES[request.severity],
      fields,
    });
  }
}
