// Public surface for the composition root (standalone) and tools; other services must not import it.
export { CREDIT_REPAIR, CreditRepairModule } from './credit-repair.module';
export type { CreditRepairOptions, RepairClock } from './repair/repair-clock';
export { RepairService } from './repair/repair.service';
export { RepairSweepService } from './repair/repair-sweep.service';
