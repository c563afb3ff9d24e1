import { Inject, Injectable } from '@nestjs/common';
import {
  chinaDateOf,
  decideVerdict,
  defaultPolicyRegistry,
  isMatterTypeCode,
  resolveSubject,
  type DomainError,
  type ListEntryFact,
  type MatterTypeCode,
  type RecordFact,
  type ResolvedPolicy,
  type ResolvedSubject,
  type SeverityTier,
  type SubjectType,
  type VerdictResult,
} from '@credit/domain';
import { currentTrace, runInTrace, startSpan, type ActiveSpan, type TraceContext } from '@credit/messaging';
import { AppError, PlatformMetrics, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { randomUUID } from 'node:crypto';
import { MeasuresEditionsService, SEEDED_MEASURES_EDITION } from '../measures/measures-editions.service';
import { ProfileService, visibleProfile, type ProfileView } from '../profile/profile.service';
import type { ChainedCheckLogRow } from './check-log';
import { CheckLogWriter } from './check-log.writer';

/** The seeded edition of the measures list (libs/domain/src/measures): used until an edition arrives from joint-reward-punishment. */
export const MEASURES_EDITION = SEEDED_MEASURES_EDITION.id;

/** Most subjects in one batch check. */
export const MAX_BATCH = 500;

export interface CheckContext {
  matterType: string;
  matterReference: string;
  purpose: string;
  operator: string;
  requesterDepartmentId: string;
  requesterClientId: string;
  /** The caller may see AUTHORISED_ONLY information (scope personal-data:read). */
  authorisedRestricted?: boolean;
}

export interface SubjectIdentifierInput {
  type: string;
  name: string;
  uscc?: string;
  idNumber?: string;
}

/** One of several independent checks answered together (`checkMany`). */
export interface GatheredCheck {
  subject: SubjectIdentifierInput;
  context: CheckContext;
  /** The trace of the request the check belongs to. */
  trace?: TraceContext;
}

export type GatheredOutcome = { outcome: CheckOutcome } | { error: unknown };

export interface CheckOutcome {
  checkId: string;
  profile: ProfileView;
  verdict: VerdictResult;
  policyVersion: string;
  checkedAt: Date;
  logSequence: number;
  matterType: string;
  matterReference: string;
}

const LIMITS: ['matterReference' | 'purpose' | 'operator', number, string][] = [
  ['matterReference', 200, '办件号'],
  ['purpose', 500, '核查目的'],
  ['operator', 100, '经办人'],
];

/** 逢办必查: answers a check from the subject's profile and the measures list, and logs it before answering. */
@Injectable()
export class CheckService {
  private readonly policies = defaultPolicyRegistry();
  private resolvedPolicy: ResolvedPolicy | null = null;

  constructor(
    private readonly profiles: ProfileService,
    private readonly log: CheckLogWriter,
    private readonly metrics: PlatformMetrics,
    private readonly editions: MeasuresEditionsService,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  async check(subjectInput: SubjectIdentifierInput, context: CheckContext): Promise<CheckOutcome> {
    const matterType = this.validateContext(context);
    const subject = resolveOrThrow(subjectInput, 'subject');
    const prepared = await this.prepare(subject, matterType, context, null);
    const [logged] = await this.log.append([prepared.pending]);
    return this.finish(prepared, logged);
  }

  /**
   * Independent single checks that arrived together (the gateway gathers concurrent checks into one call): each is
   * validated, answered and traced as `check` would, and refused on its own; their log rows are written in one group
   * (one profile query, one transaction) instead of one per check.
   */
  async checkMany(checks: GatheredCheck[]): Promise<GatheredOutcome[]> {
    if (checks.length > MAX_BATCH) {
      throw AppError.one('VALIDATION', 'BATCH_SIZE', `一次最多 ${MAX_BATCH} 个核查`, `At most ${MAX_BATCH} checks in one call`, 'checks');
    }
    const spans: ActiveSpan[] = checks.map((c) => startSpan(c.trace, CHECK_SPAN));
    const prepared = await Promise.all(
      checks.map((c, i) =>
        runInTrace(spans[i].trace, async (): Promise<{ prepared: Prepared } | { error: unknown }> => {
          try {
            const matterType = this.validateContext(c.context);
            return { prepared: await this.prepare(resolveOrThrow(c.subject, 'subject'), matterType, c.context, null) };
          } catch (error) {
            return { error };
          }
        }),
      ),
    );
    const toLog = prepared.flatMap((p) => ('prepared' in p ? [p.prepared] : []));
    let logged: ChainedCheckLogRow[] = [];
    let logError: unknown = null;
    if (toLog.length > 0) {
      try {
        logged = await this.log.append(toLog.map((p) => p.pending));
      } catch (error) {
        logError = error;
      }
    }
    let next = 0;
    return prepared.map((p, i): GatheredOutcome => {
      if ('error' in p || logError !== null) {
        const error = 'error' in p ? p.error : logError;
        spans[i].end(error);
        return { error };
      }
      spans[i].end();
      return { outcome: this.finish(p.prepared, logged[next++]) };
    });
  }

  /** Each subject is checked and logged on its own; a bad identifier refuses only its own item. */
  async checkBatch(
    subjects: SubjectIdentifierInput[],
    context: CheckContext,
  ): Promise<{ batchId: string; items: { index: number; outcome?: CheckOutcome; errors?: DomainError[] }[] }> {
    const matterType = this.validateContext(context);
    if (subjects.length === 0 || subjects.length > MAX_BATCH) {
      throw AppError.one('VALIDATION', 'BATCH_SIZE', `批量核查须包含 1 至 ${MAX_BATCH} 个主体`, `A batch check takes 1 to ${MAX_BATCH} subjects`, 'subjects');
    }
    const batchId = randomUUID();
    const resolved = subjects.map((s, index) => {
      const r = resolveSubject({ type: s.type as SubjectType, name: s.name, uscc: s.uscc, idNumber: s.idNumber });
      return r.ok ? { index, subject: r.subject } : { index, errors: r.errors.map((e) => ({ ...e, field: `subjects[${index}].${e.field ?? 'type'}` })) };
    });
    const prepared = await Promise.all(resolved.map((r) => ('subject' in r && r.subject ? this.prepare(r.subject, matterType, context, batchId) : null)));
    const toLog = prepared.filter((p): p is Prepared => p !== null);
    const logged = toLog.length > 0 ? await this.log.append(toLog.map((p) => p.pending)) : [];
    let next = 0;
    return {
      batchId,
      items: resolved.map((r, i) => {
        const p = prepared[i];
        if (!p) return { index: r.index, errors: 'errors' in r ? r.errors : [] };
        return { index: r.index, outcome: this.finish(p, logged[next++]) };
      }),
    };
  }

  /** The policy in force on a day, resolved once per day (a check reads it only). */
  private policyOn(day: string): ResolvedPolicy {
    if (this.resolvedPolicy?.onDate !== day) this.resolvedPolicy = this.policies.resolve(this.deps.config.jurisdiction, day);
    return this.resolvedPolicy;
  }

  private validateContext(context: CheckContext): MatterTypeCode {
    const errors: DomainError[] = [];
    if (!isMatterTypeCode(context.matterType)) {
      errors.push({
        code: 'MATTER_TYPE_UNKNOWN',
        field: 'matterType',
        message: { zh: `未知的事项类型：${context.matterType || '（空）'}`, en: `Unknown matter type: ${context.matterType || '(empty)'}` },
      });
    }
    for (const [field, max, label] of LIMITS) {
      if ((context[field] ?? '').length > max) {
        errors.push({ code: 'TOO_LONG', field, message: { zh: `${label}不得超过 ${max} 个字符`, en: `${field} is longer than ${max} characters` } });
      }
    }
    if (errors.length > 0) throw AppError.validation(errors);
    return context.matterType as MatterTypeCode;
  }

  private async prepare(subject: ResolvedSubject, matterType: MatterTypeCode, context: CheckContext, batchId: string | null): Promise<Prepared> {
    const profile = visibleProfile(await this.profiles.profileOfResolved(subject), context.authorisedRestricted === true);
    const checkedAt = new Date();
    const today = chinaDateOf(checkedAt);
    const policy = this.policyOn(today);
    // The edition of the measures list in force on the check day; its id goes into the logged policy version.
    const edition = await this.editions.inForce(today);
    const verdict = decideVerdict(factsOf(profile, subject), matterType, today, { cleanYears: policy.parameters.redList.cleanYears }, edition.measures);
    const policyVersion = [...policy.versionIds, edition.id].join('+');
    const checkId = randomUUID();
    return {
      profile,
      verdict,
      policyVersion,
      matterType,
      context,
      pending: {
        traceparent: currentTrace()?.traceparent,
        subject: profile.subject,
        row: {
          checkId,
          checkedAt,
          batchId,
          requesterDepartmentId: context.requesterDepartmentId,
          requesterClientId: context.requesterClientId,
          operator: context.operator,
          subjectKey: subject.key,
          matterType,
          matterReference: context.matterReference,
          purpose: context.purpose,
          verdict: verdict.verdict,
          measureCodes: verdict.measures.filter((m) => m.status === 'APPLIES').map((m) => m.measure.code),
          evidenceIds: verdict.evidence.map((e) => e.id),
          policyVersion,
        },
      },
    };
  }

  private finish(p: Prepared, logged: ChainedCheckLogRow): CheckOutcome {
    this.metrics.checks.inc({ verdict: p.verdict.verdict, matter_type: p.matterType });
    return {
      checkId: logged.checkId,
      profile: p.profile,
      verdict: p.verdict,
      policyVersion: p.policyVersion,
      checkedAt: logged.checkedAt,
      logSequence: logged.seq,
      matterType: p.matterType,
      matterReference: p.context.matterReference,
    };
  }
}

/** A gathered check's span, named as a single Check call's server span is. */
const CHECK_SPAN = {
  name: 'credit.v1.CreditCheckService/Check',
  kind: 'server' as const,
  attributes: { 'rpc.system': 'grpc', 'rpc.service': 'credit.v1.CreditCheckService', 'rpc.method': 'Check', 'credit.service': 'credit-check', 'credit.gathered': true },
};

interface Prepared {
  profile: ProfileView;
  verdict: VerdictResult;
  policyVersion: string;
  matterType: MatterTypeCode;
  context: CheckContext;
  pending: Parameters<CheckLogWriter['append']>[0][number];
}

function resolveOrThrow(input: SubjectIdentifierInput, prefix: string): ResolvedSubject {
  const resolved = resolveSubject({ type: input.type as SubjectType, name: input.name, uscc: input.uscc, idNumber: input.idNumber });
  if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: `${prefix}.${e.field ?? 'type'}` })));
  return resolved.subject;
}

/** The profile as the verdict function takes it. */
export function factsOf(profile: ProfileView, subject: ResolvedSubject) {
  const records: RecordFact[] = profile.records.map((r) => ({
    recordId: r.recordId,
    adverse: r.adverse,
    severity: (r.severity as SeverityTier | null) ?? null,
    status: r.status as RecordFact['status'],
    decisionDate: r.decisionDate,
    effectEnd: r.effectEnd,
    underObjection: r.objectionId !== null,
    providerDepartmentId: r.providerDepartmentId,
    catalogueItemCode: r.catalogueItemCode,
    decisionNumber: r.decisionNumber,
  }));
  const listEntries: ListEntryFact[] = profile.lists.map((e) => ({
    entryId: e.entryId,
    listType: e.listType as ListEntryFact['listType'],
    status: e.status as ListEntryFact['status'],
    periodEnd: e.periodEnd,
    relatedToEntryId: e.relatedToEntryId,
    relation: e.relation,
    underObjection: e.objectionId !== null,
    identifyingDepartmentId: e.identifyingDepartmentId,
    basisText: e.basisText,
  }));
  return { known: profile.found, subjectType: subject.type, records, listEntries, grade: profile.grade };
}
