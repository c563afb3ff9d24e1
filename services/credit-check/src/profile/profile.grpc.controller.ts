import { Controller } from '@nestjs/common';
import {
  CreditCheckServiceControllerMethods,
  SeverityTier,
  SubjectType,
  type CreditCheckServiceController,
  type GetSubjectProfileRequest,
  type SubjectProfile,
} from '@credit/contracts';
import { ProfileService } from './profile.service';

const SEVERITY: Record<string, SeverityTier> = {
  MINOR: SeverityTier.SEVERITY_TIER_MINOR,
  GENERAL: SeverityTier.SEVERITY_TIER_GENERAL,
  SERIOUS: SeverityTier.SEVERITY_TIER_SERIOUS,
};

@Controller()
@CreditCheckServiceControllerMethods()
export class ProfileGrpcController implements CreditCheckServiceController {
  constructor(private readonly profiles: ProfileService) {}

  async getSubjectProfile(request: GetSubjectProfileRequest): Promise<SubjectProfile> {
    const input = request.subject;
    const view = await this.profiles.profileOf({
      type: input?.type === SubjectType.SUBJECT_TYPE_NATURAL_PERSON ? 'NATURAL_PERSON' : input?.type === SubjectType.SUBJECT_TYPE_LEGAL_PERSON ? 'LEGAL_PERSON' : 'UNSPECIFIED',
      name: input?.name ?? '',
      uscc: input?.uscc || undefined,
      idNumber: input?.idNumber || undefined,
    });
    return {
      found: view.found,
      subject: {
        key: view.subject.key,
        type: view.subject.type === 'NATURAL_PERSON' ? SubjectType.SUBJECT_TYPE_NATURAL_PERSON : SubjectType.SUBJECT_TYPE_LEGAL_PERSON,
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
        severity: (r.severity && SEVERITY[r.severity]) || SeverityTier.SEVERITY_TIER_UNSPECIFIED,
        publicityStart: r.publicityStart ?? '',
        publicityEnd: r.publicityEnd ?? '',
        fieldsJson: JSON.stringify(r.fields),
      })),
      adverseCount: view.adverseCount,
      updatedAt: view.updatedAt?.toISOString() ?? '',
    };
  }
}
