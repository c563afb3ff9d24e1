import {
  DEFAULT_ATTACHMENT_LIMITS,
  defaultCalendar,
  defaultPolicyRegistry,
  type AttachmentLimits,
  type PolicyRegistry,
  type WorkingDayCalendar,
} from '@credit/domain';

/** Service configuration of objection handling (the policy numbers come from the policy registry). */
export interface ObjectionSettings {
  attachments: AttachmentLimits;
  /** Reminder to the verifying department this many working days before the verification due date. */
  reminderWorkingDays: number;
  /** The credit office (信用办) escalations are addressed to. */
  creditOfficeDepartmentId: string;
  defaultPageSize: number;
  maxPageSize: number;
  /** Run the daily deadline sweep on a timer (off in tests, which sweep "day N" explicitly). */
  dailySweep: boolean;
  sweepIntervalMs: number;
}

export const DEFAULT_OBJECTION_SETTINGS: ObjectionSettings = {
  attachments: DEFAULT_ATTACHMENT_LIMITS,
  reminderWorkingDays: 3,
  creditOfficeDepartmentId: 'credit-office',
  defaultPageSize: 20,
  maxPageSize: 100,
  dailySweep: true,
  sweepIntervalMs: 60 * 60 * 1000,
};

/** What a composition root or a test may swap: settings, the policy registry, the calendar, the clock. */
export interface ObjectionModuleOptions {
  settings?: Partial<ObjectionSettings>;
  policies?: PolicyRegistry;
  calendar?: WorkingDayCalendar;
  clock?: () => Date;
}

export const OBJECTION_SETTINGS = Symbol('OBJECTION_SETTINGS');
export const OBJECTION_POLICIES = Symbol('OBJECTION_POLICIES');
export const OBJECTION_CALENDAR = Symbol('OBJECTION_CALENDAR');
export const OBJECTION_CLOCK = Symbol('OBJECTION_CLOCK');

export type Clock = () => Date;

export function objectionProviders(options: ObjectionModuleOptions = {}) {
  return [
    { provide: OBJECTION_SETTINGS, useValue: { ...DEFAULT_OBJECTION_SETTINGS, ...options.settings } satisfies ObjectionSettings },
    { provide: OBJECTION_POLICIES, useValue: options.policies ?? defaultPolicyRegistry() },
    { provide: OBJECTION_CALENDAR, useValue: options.calendar ?? defaultCalendar() },
    { provide: OBJECTION_CLOCK, useValue: options.clock ?? (() => new Date()) },
  ];
}
