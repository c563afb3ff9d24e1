// Public surface for the composition root (standalone) and tools; other services must not import it.
export { CREDIT_CHECK, CreditCheckModule } from './credit-check.module';
export { verifyCheckLog, type VerifyResult } from './check/check-log';
