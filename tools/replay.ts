// Rebuilds a read model by replaying its topics from the start (docs/OPERATIONS.md, "Replay a topic").
//   DATABASE_URL=postgres://… [KAFKA_BROKERS=host:port] npm run replay -- <consumer> [--yes]
// The consumer must be stopped (no member in its group). In one transaction the read model's tables and the
// consumer's inbox rows are emptied; then the group's offsets go to the start of its topics (and to the end of
// their retry topics, whose pending retries come again from the start). Start the service again to rebuild.
// Without --yes it only prints what it would do.
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { REPLAY_SOURCE_TOPICS, retryTopic } from '@credit/contracts';

interface ReadModel {
  schema: string;
  topics: string[];
  /** Tables filled only by this consumer (emptied before the replay). */
  tables: string[];
}

/** The consumers whose state is a pure function of their topics, and so can be rebuilt by replay. */
export const READ_MODELS: Record<string, ReadModel> = {
  'credit-check.profile': {
    schema: 'credit_check',
    topics: [...REPLAY_SOURCE_TOPICS],
    tables: ['profile_record', 'profile_list_entry', 'profile_objection', 'subject_profile'],
  },
};

export interface ReplayOptions {
  consumer: string;
  databaseUrl: string;
  kafkaBrokers: string[];
  execute: boolean;
  log?: (line: string) => void;
}

export async function replay(options: ReplayOptions): Promise<{ tables: string[]; topics: string[] }> {
  const model = READ_MODELS[options.consumer];
  if (!model) throw new Error(`unknown read model ${options.consumer}; known: ${Object.keys(READ_MODELS).join(', ')}`);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const tables = model.tables.map((t) => `${model.schema}.${t}`);
  const kafka = options.kafkaBrokers.length > 0 ? new Kafka({ clientId: 'replay', brokers: options.kafkaBrokers, logLevel: logLevel.NOTHING }) : null;
  const admin = kafka?.admin();
  await admin?.connect();
  const db = new Client({ connectionString: options.databaseUrl, application_name: 'replay' });
  await db.connect();
  try {
    if (admin) {
      const { groups } = await admin.describeGroups([options.consumer]);
      if (groups[0] && groups[0].members.length > 0) throw new Error(`${options.consumer} still has ${groups[0].members.length} member(s): stop the service first`);
    } else {
      // In-process bus: the service holds an advisory lock while it consumes? It does not — require the operator's word.
      log('in-process bus: make sure the platform is stopped');
    }
    log(`${options.execute ? 'emptying' : 'would empty'} ${tables.join(', ')} and ${model.schema}.inbox rows of ${options.consumer}`);
    log(`${options.execute ? 'rewinding' : 'would rewind'} ${options.consumer} on ${model.topics.join(', ')} (retry topics to their end)`);
    if (!options.execute) return { tables, topics: model.topics };

    await db.query('BEGIN');
    try {
      await db.query(`TRUNCATE ${tables.join(', ')}`);
      await db.query(`DELETE FROM ${model.schema}.inbox WHERE consumer = $1`, [options.consumer]);
      if (!admin) {
        // The in-process log is one table with a global sequence: from the start = committed 0; retry topics to their end.
        await db.query(`DELETE FROM bus.offsets WHERE group_id = $1 AND topic = ANY($2)`, [options.consumer, model.topics]);
        await db.query(
          `INSERT INTO bus.offsets (group_id, topic, committed)
           SELECT $1, t, coalesce((SELECT max(seq) FROM bus.messages WHERE topic = t), 0) FROM unnest($2::text[]) AS t
           ON CONFLICT (group_id, topic) DO UPDATE SET committed = excluded.committed`,
          [options.consumer, model.topics.map(retryTopic)],
        );
      }
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
    if (admin) {
      for (const topic of model.topics) {
        await admin.resetOffsets({ groupId: options.consumer, topic, earliest: true });
        const latest = await admin.fetchTopicOffsets(retryTopic(topic));
        await admin.setOffsets({ groupId: options.consumer, topic: retryTopic(topic), partitions: latest.map((p) => ({ partition: p.partition, offset: p.high })) });
      }
    }
    log('done: start the service; follow credit_consumer_lag until it is 0');
    return { tables, topics: model.topics };
  } finally {
    await db.end();
    await admin?.disconnect();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const consumer = args.find((a) => !a.startsWith('--'));
  const databaseUrl = process.env.DATABASE_URL;
  if (!consumer || !databaseUrl) {
    process.stderr.write(`usage: DATABASE_URL=… [KAFKA_BROKERS=…] npm run replay -- <${Object.keys(READ_MODELS).join('|')}> [--yes]\n`);
    process.exit(2);
  }
  replay({
    consumer,
    databaseUrl,
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean),
    execute: args.includes('--yes'),
  }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
