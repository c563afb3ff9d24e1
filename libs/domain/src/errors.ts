/** A user-facing message in both languages the platform serves. */
export interface LocalizedMessage {
  readonly zh: string;
  readonly en: string;
}

/**
 * A validation failure in domain terms. `code` is stable and machine-readable (e.g. `USCC_CHECK_DIGIT`);
 * `field` is the path of the offending input field when the error belongs to a structured input.
 */
export interface DomainError {
  readonly code: string;
  readonly field?: string;
  readonly message: LocalizedMessage;
}
