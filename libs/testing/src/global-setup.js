// Integration tests' global setup: refuse a database whose name lacks "test", check PostgreSQL is there,
// and build the Kafka test broker once (tools/kafka-test-broker) so test files only start it.
const { Client } = require('pg');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const url = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = new URL(url).pathname.replace(/^\//, '');
  if (!/test/.test(dbName)) {
    throw new Error(`DATABASE_URL_TEST must name a database containing "test" (got "${dbName}"): tests create and drop databases`);
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`integration tests need PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const build = path.join(__dirname, '..', '..', '..', 'tools', 'kafka-test-broker', 'build.sh');
  execFileSync('bash', [build], { stdio: 'inherit' });
};
