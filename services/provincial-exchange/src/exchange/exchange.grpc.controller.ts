import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { isValidIsoDate } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { InboundPullService } from './inbound-pull.service';
import { OutboundSender } from './outbound-sender.service';
import { ReconciliationService, type ReconciliationReport } from './reconciliation.service';

// The messages of proto/credit/v1/provincial_exchange_service.proto. Its generated TS
// (libs/contracts/src/generated/credit/v1/provincial_exchange_service.ts) is not exported by @credit/contracts
// yet; once it is, these give way to the generated types and ProvincialExchangeServiceControllerMethods().
const SERVICE = 'ProvincialExchangeService';

interface ReportMessage {
  runId: string;
  date: string;
  resources: { resource: string; ours: { count: number; checksum: string }; theirs: { count: number; checksum: string }; matches: boolean }[];
  differences: { provinceResource: string; itemId: string; kind: string; ourChecksum: string; theirChecksum: string; resent: boolean }[];
  resent: number;
}

const dateError = () => AppError.one('VALIDATION', 'DATE_INVALID', '日期须为 YYYY-MM-DD', 'date must be YYYY-MM-DD', 'date');

function toReport(report: ReconciliationReport): ReportMessage {
  return {
    runId: report.runId,
    date: report.date,
    resources: report.resources,
    differences: report.differences.map((d) => ({ ...d, ourChecksum: d.ourChecksum ?? '', theirChecksum: d.theirChecksum ?? '' })),
    resent: report.resent,
  };
}

@Controller()
export class ExchangeGrpcController {
  constructor(
    private readonly sender: OutboundSender,
    private readonly pulls: InboundPullService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @GrpcMethod(SERVICE, 'GetOutboundStatus')
  getOutboundStatus() {
    return this.sender.status();
  }

  @GrpcMethod(SERVICE, 'ListDeadLetters')
  async listDeadLetters(request: { limit: number }) {
    const items = await this.sender.deadLetters(request.limit || 100);
    return {
      items: items.map((d) => ({ ...d, lastHttpStatus: d.lastHttpStatus ?? 0, lastError: d.lastError ?? '', deadAt: new Date(d.deadAt).toISOString() })),
    };
  }

  @GrpcMethod(SERVICE, 'ResendDeadLetters')
  async resendDeadLetters(request: { itemIds: string[] }) {
    return { requeued: await this.sender.resendDeadLetters(request.itemIds ?? []) };
  }

  @GrpcMethod(SERVICE, 'PullUpstream')
  async pullUpstream(request: { listCode: string }) {
    return { results: await this.pulls.pull(request.listCode || undefined) };
  }

  @GrpcMethod(SERVICE, 'Reconcile')
  async reconcile(request: { date: string; reportOnly: boolean }): Promise<ReportMessage> {
    if (!isValidIsoDate(request.date)) throw dateError();
    return toReport(await this.reconciliation.reconcile(request.date, { resend: !request.reportOnly }));
  }

  @GrpcMethod(SERVICE, 'GetReconciliationReport')
  async getReconciliationReport(request: { date: string }): Promise<ReportMessage> {
    if (!isValidIsoDate(request.date)) throw dateError();
    const report = await this.reconciliation.report(request.date);
    if (!report) throw AppError.one('NOT_FOUND', 'REPORT_NOT_FOUND', '该日尚无对账报告', `No reconciliation report for ${request.date}`, 'date');
    return toReport(report);
  }

  @GrpcMethod(SERVICE, 'ExportDay')
  exportDay(request: { date: string }) {
    return this.sender.exportDay(request.date);
  }
}
