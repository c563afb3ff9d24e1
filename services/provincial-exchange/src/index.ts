// Public surface for the composition root (standalone) and tools; other services must not import it.
export { PROVINCIAL_EXCHANGE, PROVINCIAL_EXCHANGE_PROTO, ProvincialExchangeModule } from './provincial-exchange.module';
export { DEFAULT_EXCHANGE_SETTINGS, type ExchangeSettings, type ProvincialExchangeOptions } from './exchange/exchange.settings';
export { readExchangeSettings } from './exchange/exchange.config';
export { OutboundSender } from './exchange/outbound-sender.service';
export { InboundPullService } from './exchange/inbound-pull.service';
export { ReconciliationService } from './exchange/reconciliation.service';
export { ExchangeGrpcController } from './exchange/exchange.grpc.controller';
