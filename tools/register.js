// Runs TypeScript sources directly (npm start, CLIs): SWC compiles on load, tsconfig paths resolve @credit/*.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
