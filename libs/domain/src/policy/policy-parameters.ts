import { addMonths, type IsoDate } from '../calendar/local-date';
import type { LocalizedMessage } from '../errors';

/** Tiers of adverse (失信) information, 国办发〔2025〕22号 二. */
export const SeverityTier = {
  MINOR: 'MINOR',
  GENERAL: 'GENERAL',
  SERIOUS: 'SERIOUS',
} as const;
export type SeverityTier = (typeof SeverityTier)[keyof typeof SeverityTier];

export const SEVERITY_TIER_LABELS: Readonly<Record<SeverityTier, LocalizedMessage>> = {
  MINOR: { zh: '轻微', en: 'minor' },
  GENERAL: { zh: '一般', en: 'general' },
  SERIOUS: { zh: '严重', en: 'serious' },
};

/** Whether a period counts calendar days (自然日, "20日内") or working days (工作日). */
export const DayKind = { CALENDAR: 'CALENDAR', WORKING: 'WORKING' } as const;
export type DayKind = (typeof DayKind)[keyof typeof DayKind];

export interface MonthRange {
  readonly minMonths: number;
  readonly maxMonths: number;
}

/**
 * Every number the rules put on the platform. Values differ by jurisdiction and change over time, so they
 * are never hard-coded in services: resolve them with a `PolicyRegistry` and record the version ids used.
 * `source` fields cite where a group of values comes from.
 */
export interface PolicyParameters {
  /** Publicity period of adverse information, counted from the decision date. */
  readonly publicity: {
    readonly minor: MonthRange;
    readonly general: MonthRange;
    readonly serious: MonthRange;
    readonly source: string;
  };
  /** Whether these penalties are shown publicly (they stay usable in checks by authorised departments). */
  readonly disclosure: {
    readonly warningPenaltyPublic: boolean;
    readonly personalPenaltyPublic: boolean;
    readonly source: string;
  };
  /** 双公示: licensing and penalty decisions published within this many working days of the decision. */
  readonly doublePublicityWorkingDays: number;
  /** Catalogue update after a change of a unit's functions, in working days. */
  readonly catalogueUpdateWorkingDays: number;
  readonly objection: {
    /** Marking a record "under objection". */
    readonly markingWorkingDays: number;
    /** The provider's verification, counted from the verification notice, in `verificationDayKind` days. */
    readonly verificationDays: number;
    readonly verificationDayKind: DayKind;
    readonly source: string;
  };
  readonly repair: {
    /** Feedback to the applicant. */
    readonly acceptanceFeedbackWorkingDays: number;
    /** Decision by the deciding authority after receiving the case. */
    readonly decisionWorkingDays: number;
    /** After a successful repair, display stops everywhere within this many working days. */
    readonly displayStopWorkingDays: number;
    readonly source: string;
  };
  /** Lists of joint reward and punishment: notice window, default periods, auto-initiation thresholds. */
  readonly lists: {
    /** After the notice (告知), the subject may object for this many working days before the entry takes effect. */
    readonly objectionWindowWorkingDays: number;
    /** Default period of a serious-dishonesty entry, from its activation. */
    readonly seriousDishonestyMonths: number;
    /** Default period of a key-attention entry. */
    readonly keyAttentionMonths: number;
    /** Default period of a red-list entry. */
    readonly redListMonths: number;
    /** Key attention is proposed when a subject has this many active GENERAL records … */
    readonly keyAttentionGeneralRecords: number;
    /** … decided within this many months. */
    readonly keyAttentionWindowMonths: number;
    readonly source: string;
  };
  readonly redList: {
    /** Consecutive years without a dishonesty record that qualify for incentives. */
    readonly cleanYears: number;
    readonly source: string;
  };
  readonly creditReport: {
    readonly validityMonths: number;
    readonly source: string;
  };
  /** Credit commitment code: region + date + serial. */
  readonly commitmentCode: {
    readonly regionDigits: number;
    readonly dateDigits: number;
    readonly serialDigits: number;
    readonly source: string;
  };
}

/** Publicity dates of an adverse record. All ends are exclusive "from this day on" dates. */
export interface PublicityWindow {
  /** The decision date: publicity is counted from it and the record is shown from it. */
  readonly start: IsoDate;
  /** The minimum period has passed from this day on: the earliest day a repair can take effect. */
  readonly minEnd: IsoDate;
  /** The record is no longer shown from this day on (the maximum period ends automatically). */
  readonly maxEnd: IsoDate;
}

const PUBLICITY_KEY = { MINOR: 'minor', GENERAL: 'general', SERIOUS: 'serious' } as const satisfies Record<
  SeverityTier,
  keyof PolicyParameters['publicity']
>;

/**
 * Publicity window of a record of the given tier decided on `decisionDate`: the record is shown on every
 * day d with `start ≤ d < maxEnd`; `minEnd = decisionDate + minMonths`, `maxEnd = decisionDate + maxMonths`,
 * month arithmetic clamped to month end (decided 2024-11-30, 3 months → 2025-02-28).
 */
export function publicityWindow(tier: SeverityTier, decisionDate: IsoDate, params: PolicyParameters): PublicityWindow {
  const range = params.publicity[PUBLICITY_KEY[tier]];
  return {
    start: decisionDate,
    minEnd: addMonths(decisionDate, range.minMonths),
    maxEnd: addMonths(decisionDate, range.maxMonths),
  };
}

type DeepPartial<T> = { readonly [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Any subset of the parameters, at any depth. */
export type PolicyPatch = DeepPartial<PolicyParameters>;

export interface VersionHeader {
  /** Recorded with every decision taken under this version, e.g. `CN-2025.1`, `HN-430923-2023.1`. */
  readonly id: string;
  /** Administrative division code (GB/T 2260): `000000` national, `430000` Hunan, `430923` Anhua County. */
  readonly jurisdiction: string;
  /** First day (YYYY-MM-DD) the version applies. */
  readonly effectiveFrom: IsoDate;
  /** The documents the values come from. */
  readonly basis: readonly string[];
}

/** A complete set of parameters: the national versions. */
export interface PolicyVersion extends VersionHeader {
  readonly parameters: PolicyParameters;
}

/** A local rule that changes only some parameters; merged over the parameters of its parent jurisdictions. */
export interface PolicyOverride extends VersionHeader {
  readonly parameters: PolicyPatch;
}
