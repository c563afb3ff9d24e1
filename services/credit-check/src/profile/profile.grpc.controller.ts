import { Controller } from '@nestjs/common';
import {
  CreditCheckServiceControllerMethods,
  severityToProto,
  subjectFromProto,
  subjectTypeToProto,
  type CreditCheckServiceController,
  type GetSubjectProfileRequest,
  type SubjectProfile,
} from '@credit/contracts';
import { ProfileService } from './profile.service';

@Controller()
@CreditCheckServiceControllerMethods()
export class ProfileGrpcController implements CreditCheckServiceController {
  constructor(private readonly profiles: ProfileService) {}

  async getSubjectProfile(request: GetSubjectProfileRequest): Promise<SubjectProfile> {
    const view = await this.profiles.profileOf(subjectFromProto(request.subject));
    return {
      found: view.found,
      subject: {
        key: view.subject.key,
        type: subjectTypeToProto(view.subject.type),
        name: view.subject.name,
        uscc: view.subject.uscc ?? '',
        maskedIdNumber: view.subject.maskedIdNumber ?? '',
      },
      records: view.records.map((r) => ({
        recordId: r.recordId,
        version: r.version,
        catalogueItemCode: r.catalogueItemCode,
        category: r.category,
        providerDepartmentId: r.providerDepartmentId,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
        adverse: r.adverse,
        severity: severityToProto(r.severity),
        publicityStart: r.publicityStart ?? '',
        publicityEnd: r.publicityEnd ?? '',
        fieldsJson: JSON.stringify(r.fields),
      })),
      adverseCount: view.adverseCount,
      updatedAt: view.updatedAt?.toISOString() ?? '',
    };
  }
}
