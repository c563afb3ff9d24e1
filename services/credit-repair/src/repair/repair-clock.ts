import { chinaDateOf, compareDates, defaultPolicyRegistry, isValidIsoDate, PolicyResolutionError, type IsoDate, type ResolvedPolicy } from '@credit/domain';

/** The service's clock: "today" is the Asia/Shanghai date. Tests swap it (the one external thing here besides the bus). */
export interface RepairClock {
  now(): Date;
  today(): IsoDate;
}

export const REPAIR_CLOCK = Symbol('REPAIR_CLOCK');

export const systemClock: RepairClock = {
  now: () => new Date(),
  today: () => chinaDateOf(new Date()),
};

export interface CreditRepairOptions {
  clock?: RepairClock;
  /** How often the daily-sweep timer looks whether a new day began (ms); 0 turns the timer off. Default 10 minutes. */
  sweepCheckIntervalMs?: number;
}

export const REPAIR_OPTIONS = Symbol('REPAIR_OPTIONS');

const registry = defaultPolicyRegistry();
const OLDEST_POLICY_DATE = '2019-07-01';

/**
 * The policy in force in `jurisdiction` on `date`. Records decided before the oldest bundled national
 * version are read under that version (the rules before it set no repair periods the platform can apply).
 */
export function policyAt(jurisdiction: string, date: IsoDate): ResolvedPolicy {
  const juris = /^\d{6}$/.test(jurisdiction) ? jurisdiction : '000000';
  const on = isValidIsoDate(date) && compareDates(date, OLDEST_POLICY_DATE) >= 0 ? date : OLDEST_POLICY_DATE;
  try {
    return registry.resolve(juris, on);
  } catch (error) {
    if (error instanceof PolicyResolutionError) return registry.resolve(juris, OLDEST_POLICY_DATE);
    throw error;
  }
}
