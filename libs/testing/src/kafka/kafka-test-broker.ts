// Launches tools/kafka-test-broker (librdkafka's mock cluster, a real Kafka-protocol broker) for integration
// tests. Node built-ins only. See tools/kafka-test-broker/README.md for the protocol and the kafkajs settings
// that work against it (short version: `kafkaTestClientSettings` below).
import { ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

/** tools/kafka-test-broker, found from this file (libs/testing/src/kafka) or KAFKA_TEST_BROKER_DIR. */
export const KAFKA_TEST_BROKER_DIR = path.resolve(
  process.env.KAFKA_TEST_BROKER_DIR ?? path.join(__dirname, '..', '..', '..', '..', 'tools', 'kafka-test-broker'),
);
export const KAFKA_TEST_BROKER_SOURCE = path.join(KAFKA_TEST_BROKER_DIR, 'kafka-test-broker.c');
export const KAFKA_TEST_BROKER_BINARY = path.join(KAFKA_TEST_BROKER_DIR, 'bin', 'kafka-test-broker');

export interface KafkaTestTopic {
  name: string;
  partitions: number;
  /** Replicas per partition; default min(3, brokers). */
  replicas?: number;
}

export interface KafkaTestBrokerOptions {
  /** Number of brokers (ids 1..N). Default 1. */
  brokers?: number;
  /** Topics created before READY (kafkajs admin.createTopics is not supported by the mock). */
  topics?: KafkaTestTopic[];
  /** How long to wait for READY. Default 15 s (includes nothing slow: the mock starts in a few ms). */
  readyTimeoutMs?: number;
  /** How long each stdin command may wait for its OK/ERR answer. Default 10 s. */
  commandTimeoutMs?: number;
  /** librdkafka debug logging (mock,broker) on the child's stderr, kept in `stderrTail()`. */
  debug?: boolean;
}

export interface KafkaTestBroker {
  /** Bootstrap addresses, "127.0.0.1:port", broker 1 first. Ports are random on every start. */
  readonly bootstrap: string[];
  readonly brokerCount: number;
  readonly pid: number;
  /** Close broker `brokerId`'s connections and refuse new ones. Its partitions keep it as leader (no failover). */
  down(brokerId: number): Promise<void>;
  /** Accept connections on broker `brokerId` again. */
  up(brokerId: number): Promise<void>;
  /** Create another topic. Rejects if it exists. */
  createTopic(name: string, partitions: number, replicas?: number): Promise<void>;
  /** Move the leader of `topic`/`partition` to `brokerId` (clients learn it on their next metadata refresh). */
  setLeader(topic: string, partition: number, brokerId: number): Promise<void>;
  /** Last lines the broker wrote to stderr (diagnostics). */
  stderrTail(): string;
  /** Destroy the cluster and wait for the process to exit. Idempotent. */
  stop(): Promise<void>;
}

/**
 * kafkajs settings measured to work against the mock (see README). Spread them into the kafkajs objects:
 * `kafka.consumer({ groupId, ...kafkaTestClientSettings.consumer })`.
 */
export const kafkaTestClientSettings = {
  client: { connectionTimeout: 3000, requestTimeout: 10000 },
  consumer: { sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 10000, maxWaitTimeInMs: 500 },
  /** Keeps retrying for ~15 s, enough to ride out a broker that is down for a few seconds. */
  producerRetry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000, multiplier: 2, factor: 0.2 },
} as const;

function fail(message: string): never {
  throw new Error(`kafka-test-broker: ${message}`);
}

function commandExists(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds bin/kafka-test-broker with build.sh when it is missing or older than the C source (or build.sh).
 * Returns the binary's path. Safe to call from several jest workers at once (build.sh renames atomically).
 */
export function ensureKafkaTestBrokerBuilt(): string {
  const mtime = (p: string): number => {
    try {
      return fs.statSync(p).mtimeMs;
    } catch {
      return -1;
    }
  };
  const bin = mtime(KAFKA_TEST_BROKER_BINARY);
  const newestInput = Math.max(mtime(KAFKA_TEST_BROKER_SOURCE), mtime(path.join(KAFKA_TEST_BROKER_DIR, 'build.sh')));
  if (newestInput < 0) fail(`source not found at ${KAFKA_TEST_BROKER_SOURCE} (set KAFKA_TEST_BROKER_DIR)`);
  if (bin >= newestInput) return KAFKA_TEST_BROKER_BINARY;

  const missing: string[] = [];
  const cc = process.env.CC ?? 'gcc';
  if (!commandExists(cc)) missing.push(cc === 'gcc' ? 'gcc' : `gcc (CC=${cc} not found)`);
  if (!fs.existsSync('/usr/include/librdkafka/rdkafka_mock.h')) {
    let viaPkgConfig = false;
    try {
      execFileSync('pkg-config', ['--exists', 'rdkafka'], { stdio: 'ignore' });
      viaPkgConfig = true;
    } catch {
      /* not found */
    }
    if (!viaPkgConfig) missing.push('librdkafka-dev');
  }
  if (missing.length > 0) {
    fail(
      `cannot build ${KAFKA_TEST_BROKER_BINARY}: missing ${missing.join(', ')}. ` +
        `Install with: sudo apt-get install -y ${missing.map((m) => m.split(' ')[0]).join(' ')} ` +
        '(Debian/Ubuntu; librdkafka-dev provides rdkafka_mock.h)',
    );
  }
  try {
    execFileSync('bash', [path.join(KAFKA_TEST_BROKER_DIR, 'build.sh')], { stdio: 'pipe', encoding: 'utf8' });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    fail(`build.sh failed:\n${e.stderr || e.stdout || e.message}\n(needs apt packages gcc and librdkafka-dev)`);
  }
  return KAFKA_TEST_BROKER_BINARY;
}

// Every live child, killed synchronously if the test process exits without stopping it. The child also dies
// on its own when its stdin closes or its parent dies (PR_SET_PDEATHSIG), so SIGKILLed workers leak nothing.
const live = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;
function track(child: ChildProcessWithoutNullStreams): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) {
        try {
          c.kill('SIGKILL');
        } catch {
          /* already gone */
        }
      }
    });
  }
}

interface Pending {
  command: string;
  resolve: (answer: string) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

function validateTopic(t: KafkaTestTopic): void {
  if (!/^[A-Za-z0-9._-]+$/.test(t.name)) fail(`invalid topic name '${t.name}'`);
  if (!Number.isInteger(t.partitions) || t.partitions < 1) fail(`topic ${t.name}: partitions must be >= 1`);
  if (t.replicas !== undefined && (!Number.isInteger(t.replicas) || t.replicas < 1)) {
    fail(`topic ${t.name}: replicas must be >= 1`);
  }
}

/** Builds if needed, spawns the broker, waits for READY and creates the topics. */
export async function startKafkaTestBroker(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
  const brokerCount = options.brokers ?? 1;
  if (!Number.isInteger(brokerCount) || brokerCount < 1 || brokerCount > 64) fail('brokers must be 1..64');
  const topics = options.topics ?? [];
  topics.forEach(validateTopic);
  const readyTimeoutMs = options.readyTimeoutMs ?? 15000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 10000;

  const binary = ensureKafkaTestBrokerBuilt();
  // Topics with their own replica count are created with commands after READY; the rest on the command line.
  const argTopics = topics.filter((t) => t.replicas === undefined);
  const laterTopics = topics.filter((t) => t.replicas !== undefined);
  const args = ['--brokers', String(brokerCount)];
  if (argTopics.length > 0) args.push('--topics', argTopics.map((t) => `${t.name}:${t.partitions}`).join(','));
  if (options.debug) args.push('--debug');

  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  track(child);

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-16384);
  });
  const stderrTail = (): string => stderr.trim();

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  // stdin write errors (EPIPE after the child died) surface through the pending command's rejection.
  child.stdin.on('error', () => undefined);

  const pending: Pending[] = [];
  let bootstrap: string[] | undefined;
  let onReady: ((err?: Error) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = (err) => (err ? reject(err) : resolve());
  });

  const lines = readline.createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (onReady) {
      if (line.startsWith('BOOTSTRAP ')) {
        bootstrap = line.slice('BOOTSTRAP '.length).trim().split(',').filter(Boolean);
      } else if (line === 'READY') {
        const done = onReady;
        onReady = undefined;
        done(bootstrap ? undefined : new Error('kafka-test-broker: READY without BOOTSTRAP line'));
      }
      return;
    }
    const p = pending.shift();
    if (!p) return; // unsolicited output: ignore
    clearTimeout(p.timer);
    if (line.startsWith('OK')) p.resolve(line);
    else p.reject(new Error(`kafka-test-broker: '${p.command}' failed: ${line}`));
  });

  child.once('error', (err) => {
    onReady?.(new Error(`kafka-test-broker: cannot start ${binary}: ${err.message}`));
    onReady = undefined;
  });
  child.once('exit', (code, signal) => {
    const why = `kafka-test-broker exited (code ${code}, signal ${signal})${stderr ? `; stderr:\n${stderrTail()}` : ''}`;
    onReady?.(new Error(`${why} before READY`));
    onReady = undefined;
    for (const p of pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(new Error(`${why} while waiting for '${p.command}'`));
    }
  });

  let readyTimer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        readyTimer = setTimeout(
          () =>
            reject(
              new Error(
                `kafka-test-broker: no READY within ${readyTimeoutMs} ms (${binary} ${args.join(' ')})` +
                  (stderr ? `; stderr:\n${stderrTail()}` : ''),
              ),
            ),
          readyTimeoutMs,
        );
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    await exitPromise;
    throw err;
  } finally {
    clearTimeout(readyTimer);
  }

  const send = (command: string): Promise<string> => {
    if (exited) {
      return Promise.reject(
        new Error(`kafka-test-broker: '${command}' after the broker exited (code ${exited.code}, signal ${exited.signal})`),
      );
    }
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = pending.findIndex((p) => p.timer === timer);
        if (i >= 0) pending.splice(i, 1);
        reject(new Error(`kafka-test-broker: no answer to '${command}' within ${commandTimeoutMs} ms`));
        // Answers are matched in order, so after a lost answer the stream cannot be trusted: stop the broker.
        child.kill('SIGKILL');
      }, commandTimeoutMs);
      pending.push({ command, resolve, reject, timer });
      child.stdin.write(`${command}\n`);
    });
  };

  const checkBroker = (brokerId: number): void => {
    if (!Number.isInteger(brokerId) || brokerId < 1 || brokerId > brokerCount) {
      fail(`broker id ${brokerId} out of range 1..${brokerCount}`);
    }
  };

  let stopping: Promise<void> | undefined;
  const broker: KafkaTestBroker = {
    bootstrap: bootstrap ?? [],
    brokerCount,
    pid: child.pid ?? -1,
    async down(brokerId) {
      checkBroker(brokerId);
      await send(`down ${brokerId}`);
    },
    async up(brokerId) {
      checkBroker(brokerId);
      await send(`up ${brokerId}`);
    },
    async createTopic(name, partitions, replicas) {
      validateTopic({ name, partitions, replicas });
      await send(`topic ${name} ${partitions}${replicas !== undefined ? ` ${replicas}` : ''}`);
    },
    async setLeader(topic, partition, brokerId) {
      checkBroker(brokerId);
      await send(`leader ${topic} ${partition} ${brokerId}`);
    },
    stderrTail,
    stop() {
      stopping ??= (async () => {
        if (exited) return;
        // EOF on stdin makes the broker destroy the cluster and exit 0; SIGTERM does the same; SIGKILL if stuck.
        child.stdin.end();
        child.kill('SIGTERM');
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(killTimer);
        lines.close();
      })();
      return stopping;
    },
  };

  try {
    for (const t of laterTopics) await broker.createTopic(t.name, t.partitions, t.replicas);
  } catch (err) {
    await broker.stop();
    throw err;
  }
  return broker;
}
