// `npm test` runs both projects: unit specs beside the code, integration specs against real PostgreSQL
// (127.0.0.1:5432 or DATABASE_URL_TEST) and the Kafka test broker (tools/kafka-test-broker).
const preset = require('./jest.preset');

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,tools}/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,tools}/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/integration-setup.js'],
    },
  ],
};
