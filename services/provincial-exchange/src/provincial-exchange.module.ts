import { Module, type DynamicModule } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { PROTO_PACKAGE, PROTO_ROOT, ProtoFiles } from '@credit/contracts';
import { GRPC_LOADER_OPTIONS, ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { join } from 'node:path';
import { PROVINCIAL_EXCHANGE_MIGRATIONS } from './database/migrations';
import { EXCHANGE_ENTITIES } from './exchange/exchange.entities';
import { ExchangeGrpcController } from './exchange/exchange.grpc.controller';
import { DEFAULT_EXCHANGE_SETTINGS, exchangeProviders, type ProvincialExchangeOptions } from './exchange/exchange.settings';
import { InboundPullService } from './exchange/inbound-pull.service';
import { OutboundConsumer } from './exchange/outbound.consumer';
import { OutboundSender } from './exchange/outbound-sender.service';
import { ProvinceClient } from './exchange/province.client';
import { RECORD_COLLECTION_CLIENT, RecordCollectionClient } from './exchange/record-collection.client';
import { ReconciliationService } from './exchange/reconciliation.service';

/** The service's own proto (relative to PROTO_ROOT); not in @credit/contracts' ProtoFiles yet. */
export const PROVINCIAL_EXCHANGE_PROTO = 'credit/v1/provincial_exchange_service.proto';

export const PROVINCIAL_EXCHANGE: ServiceDefinition = {
  name: 'provincial-exchange',
  schema: 'provincial_exchange',
  entities: EXCHANGE_ENTITIES,
  migrations: PROVINCIAL_EXCHANGE_MIGRATIONS,
};

/**
 * 省、市、县三级平台互联互通: forwards what the province must receive (records, list changes, repairs, check
 * summaries) through a signed, retried, per-subject-ordered outbound queue; pulls upstream lists into records
 * through record-collection's gRPC API; reconciles each day with the province.
 */
@Module({})
export class ProvincialExchangeModule {
  static forRoot(deps: ServiceDeps, options: ProvincialExchangeOptions): DynamicModule {
    const recordCollectionGrpc = options.settings.recordCollectionGrpc ?? DEFAULT_EXCHANGE_SETTINGS.recordCollectionGrpc;
    return {
      module: ProvincialExchangeModule,
      imports: [
        ServiceCoreModule.forRoot(PROVINCIAL_EXCHANGE, deps),
        ClientsModule.register([
          {
            name: RECORD_COLLECTION_CLIENT,
            transport: Transport.GRPC,
            options: { package: PROTO_PACKAGE, protoPath: join(PROTO_ROOT, ProtoFiles.recordCollection), url: recordCollectionGrpc, loader: GRPC_LOADER_OPTIONS },
          },
        ]),
      ],
      controllers: [ExchangeGrpcController],
      providers: [...exchangeProviders(options), ProvinceClient, RecordCollectionClient, OutboundSender, OutboundConsumer, InboundPullService, ReconciliationService],
    };
  }
}
