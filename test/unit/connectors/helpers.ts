import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reply } from '../../../bot/commands/command';
import type { View } from '../../../bot/views/view';
import type { ConnectorDeps, Redactor } from '../../../bot/usecases/connectors/deps';
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import type { Profile } from '../../../bot/domain/profile/profile-schema';
import type { Templates } from '../../../bot/ports/profile-source';
import type { InMemoryConnect } from './in-memory-connect';

export const ROOT = join(__dirname, '../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

export function repoTemplates(): Templates {
  const t = (file: string) => ({ file, text: read(`connectors/templates/${file}`) });
  return {
    connectors: {
      source: t('mirror-source.yml'),
      checkpoint: t('mirror-checkpoint.yml'),
      heartbeat: t('mirror-heartbeat.yml'),
    },
    auth: {
      plaintext: t('auth/plaintext.yml'),
      'sasl-scram': t('auth/sasl-scram.yml'),
      mtls: t('auth/mtls.yml'),
      iam: t('auth/iam.yml'),
    },
  };
}

export const labProfileText = (): string => read('connectors/profiles/lab.yml');
export const labProfile = (): Profile => parseProfile(labProfileText(), 'lab.yml');

/** Shows everything: a test that passes with it proves no secret reached the output at all. */
export const passThroughRedactor: Redactor = { text: (s) => s, value: (v) => v };

export interface RecordingReply extends Reply {
  progressTexts: string[];
  files: string[];
}

export function recordingReply(): RecordingReply {
  const progressTexts: string[] = [];
  const files: string[] = [];
  return {
    progressTexts,
    files,
    progress: async (text) => void progressTexts.push(text),
    done: async (_view: View) => undefined,
    attach: async (file) => void files.push(file.filename),
  };
}

export function testDeps(
  connect: InMemoryConnect,
  profile: () => Profile = labProfile,
  redactor = passThroughRedactor,
): ConnectorDeps {
  let now = 0;
  return {
    connect,
    profile: { load: async () => ({ profile: profile(), templates: repoTemplates() }) },
    redactor,
    clock: { now: () => now },
    pollMs: 1000,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

export const ctx = (reply = recordingReply()) => ({ user: 'U1', channel: 'C1', correlationId: 'c-1', reply });

export const allText = (view: View): string => JSON.stringify(view);
