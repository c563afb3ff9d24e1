// Runs the provincial platform simulator: node -r ./tools/register.js tools/provincial-simulator/main.ts
// Environment: SIM_PORT (default 3900), SIM_HOST (127.0.0.1), SIM_APPS ("appKey:secret,appKey2:secret2"),
// SIM_FAILURE_RATE, SIM_ACK_LOSS_RATE, SIM_SLOW_RATE (0–1), SIM_SLOW_MS, SIM_SEED.
import { startProvincialSimulator } from './simulator';

function rate(name: string): number {
  const value = Number(process.env[name] ?? '0');
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${name} must be between 0 and 1`);
  return value;
}

async function main(): Promise<void> {
  const apps = Object.fromEntries(
    (process.env.SIM_APPS ?? 'county-platform:local-dev-secret')
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf(':');
        if (at < 1) throw new Error('SIM_APPS is a comma-separated list of appKey:secret');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );
  const simulator = await startProvincialSimulator({
    port: Number(process.env.SIM_PORT ?? '3900'),
    host: process.env.SIM_HOST ?? '127.0.0.1',
    apps,
    failureRate: rate('SIM_FAILURE_RATE'),
    ackLossRate: rate('SIM_ACK_LOSS_RATE'),
    slowRate: rate('SIM_SLOW_RATE'),
    slowMs: Number(process.env.SIM_SLOW_MS ?? '200'),
    seed: process.env.SIM_SEED ? Number(process.env.SIM_SEED) : undefined,
  });
  // App keys only: secrets are never printed.
  process.stdout.write(`provincial platform simulator at ${simulator.url} (apps: ${Object.keys(apps).join(', ')}; control API at /__sim/)\n`);
  const stop = () => void simulator.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
