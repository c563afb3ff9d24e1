// Real Kafka protocol, no Kafka: kafkajs 2.2.4 (and kcat) against tools/kafka-test-broker, which is librdkafka's
// mock cluster (Debian librdkafka-dev 2.0.2). Every test starts its own broker (~30 ms) and stops it.
//
// Settings that make these tests reliable against the 2.0.2 mock (measured; see tools/kafka-test-broker/README.md):
// - consumer: sessionTimeout 6000, heartbeatInterval 500, maxWaitTimeInMs 500 (kafkaTestClientSettings.consumer).
//   The first group join always takes ~3 s (the mock delays the first JoinGroup response); a rejoin costs about
//   sessionTimeout - 1 s, so keep sessionTimeout small.
// - producer: acks -1, NOT idempotent, no transactions (the 2.0.2 mock reports controller id 0, which breaks
//   InitProducerId), allowAutoTopicCreation false and topics created by the launcher (no CreateTopics in the mock).
// - a downed mock broker refuses connections (ECONNREFUSED) and keeps leading its partitions (no failover), so a
//   producer survives an outage only if its retry budget outlasts it. kafkajs defaults (5 retries from 300 ms, ~9 s)
//   survive 3 s; { retries: 2 } or { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 } (~2.5 s) do not.
//   kafkaTestClientSettings.producerRetry (20 retries, 100 ms .. 1 s, ~15 s budget) is used below.
import { execFile } from 'node:child_process';
import { Consumer, EachMessagePayload, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { KafkaTestBroker, kafkaTestClientSettings, startKafkaTestBroker } from './kafka-test-broker';

// jest ignores `testTimeout` inside a `projects` entry (jest 30 reads the global one, default 5 s): set it here.
// The slowest test takes ~7.5 s; 60 s leaves room for a slow machine and still fails fast on a hang.
jest.setTimeout(60000);

// kafkajs logs go to a ring buffer (printing them would drown the jest output); failures include the tail.
const kafkaLog: string[] = [];
function logTail(n = 25): string {
  return kafkaLog.slice(-n).join('\n');
}

function makeKafka(broker: KafkaTestBroker, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: broker.bootstrap,
    ...kafkaTestClientSettings.client,
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...extra } = log;
        kafkaLog.push(`${new Date().toISOString()} [${logLevel[level]}] ${namespace}: ${message} ${JSON.stringify(extra)}`);
        if (kafkaLog.length > 500) kafkaLog.splice(0, kafkaLog.length - 500);
      },
  });
}

/** Polls `condition` every 20 ms; fails with `describe()` after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms: ${describe()}\nlast kafkajs log lines:\n${logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Everything a test starts is stopped afterwards, also when it fails.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    await cleanup().catch(() => undefined);
  }
});

async function start(options: Parameters<typeof startKafkaTestBroker>[0]): Promise<KafkaTestBroker> {
  const broker = await startKafkaTestBroker(options);
  cleanups.push(() => broker.stop());
  return broker;
}

async function connectedProducer(kafka: Kafka, retry = kafkaTestClientSettings.producerRetry): Promise<Producer> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    idempotent: false,
    retry: { ...retry },
  });
  await producer.connect();
  cleanups.push(() => producer.disconnect());
  return producer;
}

/** Resolves once the consumer has joined its group (kafkajs `run()` awaits the first join: ~3 s on the mock). */
async function runningConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  eachMessage: (payload: EachMessagePayload) => void,
): Promise<{ consumer: Consumer; joins: () => number; firstJoinMs: number }> {
  const consumer = kafka.consumer({ groupId, ...kafkaTestClientSettings.consumer });
  let joins = 0;
  consumer.on(consumer.events.GROUP_JOIN, () => joins++);
  await consumer.connect();
  cleanups.push(() => consumer.disconnect());
  await consumer.subscribe({ topic, fromBeginning: true });
  const started = Date.now();
  await consumer.run({
    eachMessage: (payload) => {
      eachMessage(payload);
      return Promise.resolve();
    },
  });
  const firstJoinMs = Date.now() - started;
  expect(joins).toBe(1);
  return { consumer, joins: () => joins, firstJoinMs };
}

describe('kafka-test-broker launcher', () => {
  it('answers commands, rejects bad ones and stops cleanly', async () => {
    const broker = await start({ brokers: 2, topics: [{ name: 'launcher.a', partitions: 2 }] });
    expect(broker.bootstrap).toHaveLength(2);
    for (const address of broker.bootstrap) expect(address).toMatch(/^127\.0\.0\.1:\d+$/);

    await broker.createTopic('launcher.b', 4);
    await expect(broker.createTopic('launcher.b', 4)).rejects.toThrow(/already exists/i);
    await expect(broker.createTopic('launcher.a', 1)).rejects.toThrow(/already exists/i);
    await broker.down(2);
    await broker.up(2);
    await broker.setLeader('launcher.a', 0, 2);
    await expect(broker.down(3)).rejects.toThrow(/out of range/);

    const admin = makeKafka(broker, 'launcher-admin').admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    const metadata = await admin.fetchTopicMetadata({ topics: ['launcher.a', 'launcher.b'] });
    const byName = new Map(metadata.topics.map((t) => [t.name, t.partitions]));
    expect(byName.get('launcher.a')).toHaveLength(2);
    expect(byName.get('launcher.b')).toHaveLength(4);
    expect(byName.get('launcher.a')!.find((p) => p.partitionId === 0)!.leader).toBe(2);
    await admin.disconnect();

    const pid = broker.pid;
    await broker.stop();
    await broker.stop(); // idempotent
    expect(() => process.kill(pid, 0)).toThrow(); // process is gone
    await expect(broker.up(1)).rejects.toThrow(/exited/);
  });
});

describe('kafkajs against the mock broker', () => {
  it('delivers 1,000 keyed messages (acks -1) to a consumer group, in order per key', async () => {
    const topic = 'credit.records';
    const total = 1000;
    const keys = 37;
    const broker = await start({ brokers: 1, topics: [{ name: topic, partitions: 3 }] });
    const kafka = makeKafka(broker, 'order-test');
    const producer = await connectedProducer(kafka);

    const startedProducing = Date.now();
    for (let batch = 0; batch < total / 100; batch++) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 100 }, (_, i) => {
          const seq = batch * 100 + i;
          const key = `entity-${seq % keys}`;
          return { key, value: JSON.stringify({ key, seq }) };
        }),
      });
    }
    const produceMs = Date.now() - startedProducing;

    const received: { key: string; seq: number; partition: number; messageKey: string }[] = [];
    const startedConsuming = Date.now();
    let firstMessageMs = -1;
    const { firstJoinMs } = await runningConsumer(kafka, 'order-test-group', topic, ({ partition, message }) => {
      if (firstMessageMs < 0) firstMessageMs = Date.now() - startedConsuming;
      const value = JSON.parse(message.value!.toString()) as { key: string; seq: number };
      received.push({ ...value, partition, messageKey: message.key?.toString() ?? '<null>' });
    });
    await waitFor(
      () => received.length >= total,
      30000,
      () => `consumed ${received.length} of ${total}`,
    );
    const consumeMs = Date.now() - startedConsuming;

    expect(received).toHaveLength(total); // no duplicates without faults
    expect(received.filter((m) => m.messageKey !== m.key)).toEqual([]);
    expect(new Set(received.map((m) => m.seq)).size).toBe(total);
    const byKey = new Map<string, { seq: number; partition: number }[]>();
    for (const m of received) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
    expect(byKey.size).toBe(keys);
    for (const [key, messages] of byKey) {
      expect(new Set(messages.map((m) => m.partition)).size).toBe(1); // one key, one partition
      const seqs = messages.map((m) => m.seq);
      expect({ key, seqs }).toEqual({ key, seqs: [...seqs].sort((a, b) => a - b) });
    }
    expect(new Set(received.map((m) => m.partition)).size).toBe(3);
    // Timings for the README (first message includes the ~3 s first group join of the mock).
    console.info(
      `order test: produce ${produceMs} ms, first group join ${firstJoinMs} ms, ` +
        `first message ${firstMessageMs} ms, all ${consumeMs} ms`,
    );
  });

  it('loses nothing when the partition leader is down for 3 s while producing (at-least-once)', async () => {
    const topic = 'credit.faults';
    const total = 1000;
    const batchSize = 10;
    const outageAfter = 200; // messages acknowledged before the leader goes down
    const outageMs = 3000; // the fault itself: how long the broker stays down
    const broker = await start({ brokers: 3, topics: [{ name: topic, partitions: 3 }] });
    const kafka = makeKafka(broker, 'fault-test');

    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    const victim = metadata.partitions.find((p) => p.partitionId === 0)!.leader;
    await admin.disconnect();

    // The consumer runs throughout the outage. If the downed broker is also the group coordinator, the consumer
    // rejoins (~sessionTimeout - 1 s later) and re-reads from its last committed offset: duplicate deliveries.
    const seen = new Map<string, number>();
    const { joins } = await runningConsumer(kafka, 'fault-test-group', topic, ({ message }) => {
      const value = message.value!.toString();
      seen.set(value, (seen.get(value) ?? 0) + 1);
    });

    const producer = await connectedProducer(kafka);
    let acked = 0;
    let downAt = 0;
    let upAt = 0;
    let upRequestedAt = 0;
    let outage: Promise<void> | undefined;
    let longestSendMs = 0;
    let sendSpanningUp = false;
    while (acked < total) {
      const messages = Array.from({ length: batchSize }, (_, i) => ({
        key: `entity-${(acked + i) % 29}`,
        value: `m-${acked + i}`,
      }));
      const sendStarted = Date.now();
      await producer.send({ topic, acks: -1, messages });
      const sendEnded = Date.now();
      longestSendMs = Math.max(longestSendMs, sendEnded - sendStarted);
      if (upRequestedAt > 0 && sendStarted < upRequestedAt && sendEnded >= upRequestedAt) sendSpanningUp = true;
      acked += batchSize;
      if (acked === outageAfter) {
        await broker.down(victim);
        downAt = Date.now();
        outage = new Promise<void>((resolve) => setTimeout(resolve, outageMs))
          .then(() => {
            upRequestedAt = Date.now();
            return broker.up(victim);
          })
          .then(() => {
            upAt = Date.now();
          });
        outage.catch(() => undefined); // awaited below; never an unhandled rejection if the test fails first
      }
    }
    await outage;
    const producedAfterUpMs = Date.now() - upAt;

    // The fault really hit the producer: a send was blocked across the whole outage and completed after `up`.
    expect(upAt - downAt).toBeGreaterThanOrEqual(outageMs);
    expect(sendSpanningUp).toBe(true);
    expect(longestSendMs).toBeGreaterThanOrEqual(outageMs - 500);

    const waitStarted = Date.now();
    await waitFor(
      () => seen.size >= total,
      30000,
      () => `consumed ${seen.size} distinct of ${total} (broker ${victim} was down ${upAt - downAt} ms)`,
    );
    const missing = Array.from({ length: total }, (_, i) => `m-${i}`).filter((v) => !seen.has(v));
    expect(missing).toEqual([]);
    expect(seen.size).toBe(total);
    const consumedMs = Date.now() - waitStarted;

    // Where duplicates come from: records in the log beyond `total` were written twice by producer retries;
    // the rest were delivered twice by the consumer (a rejoin re-reads from the last committed offset).
    const offsetsAdmin = kafka.admin();
    await offsetsAdmin.connect();
    cleanups.push(() => offsetsAdmin.disconnect());
    const offsets = await offsetsAdmin.fetchTopicOffsets(topic);
    const records = offsets.reduce((sum, p) => sum + Number(p.high), 0);
    expect(records).toBeGreaterThanOrEqual(total);
    const deliveries = [...seen.values()].reduce((sum, n) => sum + n, 0);
    console.info(
      `fault test: broker ${victim} down ${upAt - downAt} ms, longest send ${longestSendMs} ms, ` +
        `producing done ${producedAfterUpMs} ms after up, all consumed ${consumedMs} ms later, ` +
        `${records - total} duplicate records in the log, ${deliveries - total} duplicate deliveries, ` +
        `${joins() - 1} group rejoins`,
    );
  });

  it('kcat reads the key and headers that kafkajs wrote', async () => {
    const topic = 'credit.wire';
    const broker = await start({ brokers: 1, topics: [{ name: topic, partitions: 1 }] });
    const producer = await connectedProducer(makeKafka(broker, 'wire-test'));
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: 'entity-42',
          value: 'payload-1',
          headers: { 'event-type': 'CreditRecordCreated', 'trace-id': 'trace-7' },
        },
      ],
    });

    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        'kcat',
        ['-b', broker.bootstrap.join(','), '-C', '-t', topic, '-o', 'beginning', '-c', '1', '-e', '-f', '%k %h %s\n'],
        { timeout: 20000 },
        (err, stdout, stderr) => {
          if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(new Error('kcat not found on PATH: install it with `sudo apt-get install -y kcat`'));
          } else if (err) {
            reject(new Error(`kcat failed (${err.message}); stderr:\n${stderr}`));
          } else {
            resolve(stdout);
          }
        },
      );
    });
    expect(output).toBe('entity-42 event-type=CreditRecordCreated,trace-id=trace-7 payload-1\n');
  });
});
