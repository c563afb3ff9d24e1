import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolveSubject, type SubjectType } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { ProfileRecordEntity, SubjectProfileEntity } from './subject-profile.entity';

export interface ProfileView {
  found: boolean;
  subject: { key: string; type: string; name: string; uscc: string | null; maskedIdNumber: string | null };
  records: ProfileRecordEntity[];
  adverseCount: number;
  updatedAt: Date | null;
}

/** Reads a subject's profile: one keyed lookup of the read model, no fan-out to other services. */
@Injectable()
export class ProfileService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async profileOf(input: { type: string; name: string; uscc?: string; idNumber?: string }): Promise<ProfileView> {
    const resolved = resolveSubject({ type: input.type as SubjectType, name: input.name, uscc: input.uscc, idNumber: input.idNumber });
    if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    const { subject } = resolved;
    const [profile, records] = await Promise.all([
      this.dataSource.getRepository(SubjectProfileEntity).findOne({ where: { subjectKey: subject.key } }),
      this.dataSource.getRepository(ProfileRecordEntity).find({ where: { subjectKey: subject.key }, order: { decisionDate: 'DESC' } }),
    ]);
    return {
      found: profile !== null,
      subject: {
        key: subject.key,
        type: subject.type,
        name: profile?.name ?? subject.name,
        uscc: subject.uscc ?? null,
        maskedIdNumber: subject.maskedIdNumber ?? null,
      },
      records,
      adverseCount: profile?.adverseCount ?? 0,
      updatedAt: profile?.updatedAt ?? null,
    };
  }
}
