import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every API request, append-only (a trigger refuses UPDATE and DELETE): who called, what, about which
 * subject (a hash of its key, never an identifier), the outcome and the latency.
 */
@Entity({ name: 'request_audit' })
@Index('ix_request_audit_client_at', ['clientId', 'at'])
export class RequestAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  requestId: string;

  @Column({ type: 'text', nullable: true })
  clientId: string | null;

  @Column({ type: 'text', nullable: true })
  departmentId: string | null;

  /** `POST /api/v1/checks`, `graphql:submitRecord`, … */
  @Column({ type: 'text' })
  operation: string;

  /** SHA-256 (hex, 32 chars) of the subject key the request concerned. */
  @Column({ type: 'text', nullable: true })
  subjectKeyHash: string | null;

  @Column({ type: 'int' })
  status: number;

  @Column({ type: 'real' })
  latencyMs: number;

  /**
   * The gRPC hop: every service method the request called, in call order, with its status code and latency,
   * e.g. `[{"method":"credit.v1.CreditCheckService/CheckMany","code":"OK","ms":3.2}]`; null when none was called.
   */
  @Column({ type: 'jsonb', nullable: true })
  grpcCalls: GrpcCallAudit[] | null;
}

/** One gRPC call made while serving a request. */
export interface GrpcCallAudit {
  method: string;
  /** gRPC status name: OK, INVALID_ARGUMENT, PERMISSION_DENIED, DEADLINE_EXCEEDED, CANCELLED, … */
  code: string;
  ms: number;
}
