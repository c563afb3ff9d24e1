import { compareDates, isValidIsoDate, type IsoDate } from '../calendar/local-date';
import { NATIONAL_JURISDICTION, NATIONAL_POLICY_VERSIONS } from './national-versions';
import type { PolicyOverride, PolicyParameters, PolicyVersion, VersionHeader } from './policy-parameters';

/** Versions that cannot be loaded: bad codes or dates, duplicates, unknown parameter names. */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyConfigError';
  }
}

/** No national version is in force on the requested date. */
export class PolicyResolutionError extends Error {
  constructor(
    readonly jurisdiction: string,
    readonly onDate: IsoDate,
  ) {
    super(`No national policy version is in force on ${onDate} (requested for ${jurisdiction})`);
    this.name = 'PolicyResolutionError';
  }
}

export interface ResolvedPolicy {
  readonly jurisdiction: string;
  readonly onDate: IsoDate;
  readonly parameters: PolicyParameters;
  /** The versions merged, national first and the most specific last; record them with the decision. */
  readonly versionIds: readonly string[];
}

const JURISDICTION = /^\d{6}$/;

/**
 * The jurisdiction and its ancestors, national first: 430923 → [000000, 430000, 430900, 430923].
 * An ancestor is formed by zeroing the last two, then the last four digits (GB/T 2260 levels).
 */
export function jurisdictionChain(jurisdiction: string): readonly string[] {
  if (!JURISDICTION.test(jurisdiction)) throw new RangeError(`Not a 6-digit jurisdiction code: ${jurisdiction}`);
  const levels = [NATIONAL_JURISDICTION, `${jurisdiction.slice(0, 2)}0000`, `${jurisdiction.slice(0, 4)}00`, jurisdiction];
  return levels.filter((code, i) => levels.indexOf(code) === i);
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `base` with `patch` merged in: objects merge key by key, other values replace. */
function deepMerge(base: Plain, patch: Plain): Plain {
  const merged: Plain = {};
  for (const [key, value] of Object.entries(base)) {
    const override = patch[key];
    if (override === undefined) merged[key] = isPlain(value) ? deepMerge(value, {}) : value;
    else merged[key] = isPlain(value) && isPlain(override) ? deepMerge(value, override) : override;
  }
  return merged;
}

/**
 * Rejects patch keys and value types that the parameters do not have, so a misspelt key in an
 * operator-supplied override fails loudly instead of being ignored.
 */
function checkPatchShape(patch: Plain, shape: Plain, path: string, versionId: string): void {
  for (const [key, value] of Object.entries(patch)) {
    const expected = shape[key];
    const where = path ? `${path}.${key}` : key;
    if (expected === undefined) throw new PolicyConfigError(`${versionId}: unknown parameter ${where}`);
    if (isPlain(expected)) {
      if (!isPlain(value)) throw new PolicyConfigError(`${versionId}: ${where} must be an object`);
      checkPatchShape(value, expected, where, versionId);
    } else if (typeof value !== typeof expected) {
      throw new PolicyConfigError(`${versionId}: ${where} must be a ${typeof expected}`);
    }
  }
}

/**
 * Policy versions per jurisdiction and date.
 *
 * `resolve(j, d)` walks from the national level down to `j` (see {@link jurisdictionChain}). At each level
 * it takes the version in force on `d` — the one with the latest `effectiveFrom` not after `d` — and
 * merges it over the result so far, so the most specific level wins where it sets a value and inherits
 * the rest. A local override therefore keeps applying over a newer national version until the
 * jurisdiction publishes a new override; the returned `versionIds` show exactly what was combined.
 */
export class PolicyRegistry {
  private readonly national: readonly PolicyVersion[];
  private readonly overrides = new Map<string, readonly PolicyOverride[]>();

  constructor(national: readonly PolicyVersion[], overrides: readonly PolicyOverride[] = []) {
    if (national.length === 0) throw new PolicyConfigError('At least one national policy version is required');
    checkHeaders([...national, ...overrides]);
    for (const version of national) {
      if (version.jurisdiction !== NATIONAL_JURISDICTION) {
        throw new PolicyConfigError(`${version.id}: a complete version must be national (${NATIONAL_JURISDICTION})`);
      }
    }
    const shape = national[0].parameters as unknown as Plain;
    for (const override of overrides) {
      if (override.jurisdiction === NATIONAL_JURISDICTION) {
        throw new PolicyConfigError(`${override.id}: national versions must be complete, not overrides`);
      }
      checkPatchShape(override.parameters, shape, '', override.id);
      this.overrides.set(override.jurisdiction, [...(this.overrides.get(override.jurisdiction) ?? []), override]);
    }
    this.national = national;
  }

  /** The parameters in force in `jurisdiction` on `onDate`, and the versions they were merged from. */
  resolve(jurisdiction: string, onDate: IsoDate): ResolvedPolicy {
    if (!isValidIsoDate(onDate)) throw new RangeError(`Not a YYYY-MM-DD date: ${onDate}`);
    const [, ...localLevels] = jurisdictionChain(jurisdiction);
    const national = inForce(this.national, onDate);
    if (!national) throw new PolicyResolutionError(jurisdiction, onDate);
    // Merging into an empty patch copies, so callers cannot mutate the registry through the result.
    let parameters = deepMerge(national.parameters as unknown as Plain, {});
    const versionIds = [national.id];
    for (const level of localLevels) {
      const override = inForce(this.overrides.get(level) ?? [], onDate);
      if (!override) continue;
      parameters = deepMerge(parameters, override.parameters);
      versionIds.push(override.id);
    }
    return { jurisdiction, onDate, parameters: parameters as unknown as PolicyParameters, versionIds };
  }
}

/** Unique ids, valid codes and dates, and at most one version per jurisdiction and start date. */
function checkHeaders(versions: readonly VersionHeader[]): void {
  const ids = new Set<string>();
  const starts = new Set<string>();
  for (const version of versions) {
    if (ids.has(version.id)) throw new PolicyConfigError(`Duplicate policy version id ${version.id}`);
    ids.add(version.id);
    if (!JURISDICTION.test(version.jurisdiction)) {
      throw new PolicyConfigError(`${version.id}: not a 6-digit jurisdiction code: ${version.jurisdiction}`);
    }
    if (!isValidIsoDate(version.effectiveFrom)) {
      throw new PolicyConfigError(`${version.id}: effectiveFrom is not a YYYY-MM-DD date: ${version.effectiveFrom}`);
    }
    const start = `${version.jurisdiction}@${version.effectiveFrom}`;
    if (starts.has(start)) {
      throw new PolicyConfigError(`${version.id}: another version of ${version.jurisdiction} starts on ${version.effectiveFrom}`);
    }
    starts.add(start);
  }
}

/** The version with the latest `effectiveFrom` not after `onDate`. */
function inForce<V extends VersionHeader>(versions: readonly V[], onDate: IsoDate): V | undefined {
  let best: V | undefined;
  for (const version of versions) {
    if (compareDates(version.effectiveFrom, onDate) > 0) continue;
    if (!best || compareDates(version.effectiveFrom, best.effectiveFrom) > 0) best = version;
  }
  return best;
}

/** A registry of the bundled national versions (no local overrides). */
export function defaultPolicyRegistry(): PolicyRegistry {
  return new PolicyRegistry(NATIONAL_POLICY_VERSIONS);
}
