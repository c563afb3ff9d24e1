export * from './events';
export * from './topics';
export * from './generated/credit/v1/common';
export * from './generated/credit/v1/records';
export * from './generated/credit/v1/record_collection_service';
export * from './generated/credit/v1/credit_check_service';
export * from './proto-files';
export * from './enum-names';
