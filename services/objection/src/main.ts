import 'reflect-metadata';
import { ProtoFiles } from '@credit/contracts';
import { EnvReader, runClusterService, runMain } from '@credit/runtime';
import { ObjectionModule } from './objection.module';
import { DEFAULT_OBJECTION_SETTINGS, type ObjectionSettings } from './objection/objection.settings';

/** Objection settings from the environment (OBJECTION_*); the deadlines themselves are policy parameters. */
function readObjectionSettings(): Partial<ObjectionSettings> {
  const env = new EnvReader();
  const d = DEFAULT_OBJECTION_SETTINGS;
  const mediaTypes = env.optional('OBJECTION_ATTACHMENT_TYPES');
  const settings: Partial<ObjectionSettings> = {
    attachments: {
      maxFiles: env.int('OBJECTION_MAX_ATTACHMENTS', d.attachments.maxFiles, { min: 0, max: 50 }),
      maxBytesPerFile: env.int('OBJECTION_MAX_ATTACHMENT_BYTES', d.attachments.maxBytesPerFile, { min: 1, max: 50 * 1024 * 1024 }),
      allowedMediaTypes: mediaTypes ? mediaTypes.split(',').map((t) => t.trim()).filter(Boolean) : d.attachments.allowedMediaTypes,
    },
    reminderWorkingDays: env.int('OBJECTION_REMINDER_WORKING_DAYS', d.reminderWorkingDays, { min: 0, max: 30 }),
    creditOfficeDepartmentId: env.string('OBJECTION_CREDIT_OFFICE_DEPARTMENT', d.creditOfficeDepartmentId),
  };
  env.done();
  return settings;
}

runMain(() => {
  const settings = readObjectionSettings();
  return runClusterService({
    name: 'objection',
    module: (deps) => ObjectionModule.forRoot(deps, { settings }),
    defaultHttpPort: 3006,
    grpc: { protoFile: ProtoFiles.objection, defaultPort: 50056 },
  });
});
