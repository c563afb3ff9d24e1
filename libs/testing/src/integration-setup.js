// Integration tests start processes and brokers: a generous per-test default (each test may set its own).
jest.setTimeout(60_000);
