import { Controller } from '@nestjs/common';
import {
  RecordCollectionServiceControllerMethods,
  severityName,
  subjectFromProto,
  type RecordCollectionServiceController,
  type SubmitRecordRequest,
  type SubmitRecordResponse,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { RecordsService } from './records.service';

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
      subject: subjectFromProto(request.subject),
      decisionNumber: request.decisionNumber,
      decisionDate: request.decisionDate,
      severity: severityName(request.severity),
      fields,
    });
  }
}
