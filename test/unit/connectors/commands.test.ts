import { createConnectorCommands } from '../../../bot/commands/connectors';
import { createDeployCommand } from '../../../bot/commands/deploy';
import { createOffsetsCommand } from '../../../bot/commands/offsets';
import { createPauseCommand } from '../../../bot/commands/pause';
import { createRestartCommand } from '../../../bot/commands/restart';
import { createResumeCommand } from '../../../bot/commands/resume';
import { createStatusCommand } from '../../../bot/commands/status';
import { createStopCommand } from '../../../bot/commands/stop';
import { AppError } from '../../../bot/domain/errors';
import { auditDetailOf } from '../../../bot/views/connectors/audit-detail';
import { InMemoryConnect } from './in-memory-connect';
import { allText, ctx, labProfile, recordingReply, testDeps } from './helpers';

const NAMES = ['mm2-source', 'mm2-checkpoint', 'mm2-heartbeat'];

async function deployed(): Promise<InMemoryConnect> {
  const connect = new InMemoryConnect();
  await createDeployCommand(testDeps(connect)).run(ctx(), { target: 'all', dryRun: false });
  connect.calls.length = 0;
  return connect;
}

describe('connector commands', () => {
  it('registers the eight verbs with the roles and approvals of the design', () => {
    const specs = createConnectorCommands(testDeps(new InMemoryConnect()));
    expect(specs.map((s) => [s.verb, s.role, s.approval])).toEqual([
      ['status', 'viewer', undefined],
      ['deploy', 'operator', 'peer'],
      ['pause', 'operator', 'self'],
      ['resume', 'operator', 'self'],
      ['stop', 'operator', 'self'],
      ['restart', 'operator', 'self'],
      ['config', 'viewer', undefined],
      ['offsets', 'viewer', undefined],
    ]);
  });

  describe('deploy', () => {
    it('parses names, all and --dry-run, and refuses unknown options', () => {
      const spec = createDeployCommand(testDeps(new InMemoryConnect()));
      expect(spec.parse([])).toEqual({ ok: true, args: { target: 'all', dryRun: false } });
      expect(spec.parse(['mm2-source', '--dry-run'])).toEqual({
        ok: true,
        args: { target: 'mm2-source', dryRun: true },
      });
      expect(spec.parse(['--force'])).toMatchObject({ ok: false, error: expect.stringContaining('--force') });
    });

    it('applies new connectors in order, follows them to RUNNING, and audits the diff', async () => {
      const connect = new InMemoryConnect();
      const reply = recordingReply();
      const view = await createDeployCommand(testDeps(connect)).run(ctx(reply), {
        target: 'all',
        dryRun: false,
      });
      expect(connect.calls.filter((c) => c.startsWith('putConfig'))).toEqual(
        NAMES.map((n) => `putConfig ${n}`),
      );
      expect(view.text).toBe('Deploy lab: mm2-source RUNNING, mm2-checkpoint RUNNING, mm2-heartbeat RUNNING');
      expect(reply.progressTexts.some((t) => t.startsWith('Applying mm2-source'))).toBe(true);
      expect(auditDetailOf(view)).toContain('mm2-source: new connector');
      expect(auditDetailOf(view)).toContain(
        '+ replication.policy.class=org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
      );
    });

    it('reports "no change" and neither applies nor restarts when the running config matches', async () => {
      const connect = await deployed();
      const spec = createDeployCommand(testDeps(connect));
      const preview = await spec.preview!(ctx(), { target: 'all', dryRun: false });
      expect(preview.nothingToDo).toBe(true);
      expect(preview.text).toContain('no change');
      const view = await spec.run(ctx(), { target: 'all', dryRun: false });
      expect(view.text).toBe('Deploy lab: no change, nothing applied or restarted');
      expect(connect.calls.filter((c) => /putConfig|restart|pause|resume|stop/.test(c))).toEqual([]);
    });

    it('shows only what changed, redacted through the redactor', async () => {
      const connect = await deployed();
      const profile = labProfile();
      profile.tasksMax = 4;
      const redactor = { text: (s: string) => s.replace(/^4$/, '[redacted]'), value: <T>(v: T) => v };
      const spec = createDeployCommand(testDeps(connect, () => profile, redactor));
      const preview = await spec.preview!(ctx(), { target: 'mm2-source', dryRun: false });
      expect(preview.nothingToDo).toBe(false);
      expect(allText(preview)).toContain('- tasks.max=2');
      expect(allText(preview)).toContain('+ tasks.max=[redacted]');
      expect(allText(preview)).not.toContain('tasks.max=4');
      expect(allText(preview)).not.toContain('replication.policy.class');
    });

    it("refuses before apply with Connect's message for the field", async () => {
      const connect = await deployed();
      connect.validationErrors = {
        'key.converter':
          'Invalid value com.example.Nope for configuration key.converter: Class com.example.Nope could not be found.',
      };
      const spec = createDeployCommand(testDeps(connect));
      const error = (await spec.preview!(ctx(), { target: 'all', dryRun: false }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(error.code).toBe('CONNECT_REJECTED');
      expect(error.message).toContain('mm2-source key.converter: Invalid value com.example.Nope');
      await expect(spec.run(ctx(), { target: 'all', dryRun: false })).rejects.toMatchObject({
        code: 'CONNECT_REJECTED',
      });
      const dry = await spec.run(ctx(), { target: 'all', dryRun: true });
      expect(allText(dry)).toContain('Class com.example.Nope could not be found.');
      expect(connect.calls.filter((c) => c.startsWith('putConfig'))).toEqual([]);
    });

    /** `deploy all` run on `connect`, which must fail: its error. */
    const deployAllFails = async (connect: InMemoryConnect): Promise<AppError> =>
      (await createDeployCommand(testDeps(connect))
        .run(ctx(), { target: 'all', dryRun: false })
        .then(() => {
          throw new Error('deploy all did not fail');
        })
        .catch((e: unknown) => e)) as AppError;

    it('says what was and was not applied when Connect goes away mid-deploy', async () => {
      const connect = new InMemoryConnect();
      connect.failPutOf = 'mm2-checkpoint';
      const error = await deployAllFails(connect);
      expect(error.code).toBe('CONNECT_UNREACHABLE');
      expect(error.message).toContain('Applied: mm2-source.');
      expect(error.message).toContain('Not applied: mm2-checkpoint, mm2-heartbeat.');
      connect.failPutOf = undefined;
      const again = await createDeployCommand(testDeps(connect)).run(ctx(), { target: 'all', dryRun: false });
      expect(allText(again)).toContain('No change: mm2-source');
      expect(connect.calls.filter((c) => c === 'putConfig mm2-source')).toHaveLength(1);
    });

    it('does not call a write whose answer was lost "not applied" (it may have landed)', async () => {
      const connect = new InMemoryConnect();
      connect.losePutAnswerOf = 'mm2-checkpoint';
      const error = await deployAllFails(connect);
      expect(connect.connectors.has('mm2-checkpoint')).toBe(true);
      expect(error.message).toContain('Applied: mm2-source.');
      expect(error.message).toContain('Outcome unknown (its answer was lost): mm2-checkpoint.');
      expect(error.message).toContain('Not applied: mm2-heartbeat.');
    });

    it('refuses an unknown connector name with the valid list', async () => {
      const error = (await createDeployCommand(testDeps(new InMemoryConnect())).preview!(ctx(), {
        target: 'mm2-nope',
        dryRun: false,
      }).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('BAD_INPUT');
      expect(error.hint).toBe('Valid names: mm2-source, mm2-checkpoint, mm2-heartbeat, or all.');
    });
  });

  describe('pause, resume, stop, restart', () => {
    it('pause requires a name and waits for PAUSED', async () => {
      const connect = await deployed();
      const spec = createPauseCommand(testDeps(connect));
      expect(spec.parse([])).toMatchObject({ ok: false });
      expect(spec.parse(['mm2-source', '--failed-only'])).toMatchObject({ ok: false });
      const view = await spec.run(ctx(), { target: 'mm2-source', failedOnly: false });
      expect(connect.calls).toContain('pause mm2-source');
      expect(view.text).toBe('Paused mm2-source: mm2-source PAUSED');
      expect(auditDetailOf(view)).toBe('mm2-source: RUNNING -> PAUSED (wanted paused)');
    });

    it('resume all and stop all report the resulting states', async () => {
      const connect = await deployed();
      const deps = testDeps(connect);
      await createPauseCommand(deps).run(ctx(), { target: 'all', failedOnly: false });
      const resumed = await createResumeCommand(deps).run(ctx(), { target: 'all', failedOnly: false });
      expect(resumed.text).toContain('mm2-source RUNNING, mm2-checkpoint RUNNING, mm2-heartbeat RUNNING');
      const stopped = await createStopCommand(deps).run(ctx(), { target: 'all', failedOnly: false });
      expect(stopped.text).toContain('mm2-heartbeat STOPPED');
    });

    it('restart --failed-only restarts only failed tasks; with nothing failed there is nothing to do', async () => {
      const connect = await deployed();
      const spec = createRestartCommand(testDeps(connect));
      expect((await spec.preview!(ctx(), { target: 'all', failedOnly: true })).nothingToDo).toBe(true);
      connect.failTask('mm2-source', 1, 'org.apache.kafka.connect.errors.ConnectException: boom');
      expect((await spec.preview!(ctx(), { target: 'all', failedOnly: true })).nothingToDo).toBeFalsy();
      const view = await spec.run(ctx(), { target: 'all', failedOnly: true });
      expect(connect.calls).toContain('restart mm2-source includeTasks=true onlyFailed=true');
      expect(view.text).toContain('mm2-source RUNNING');
    });

    it('does not call an action whose answer was lost "not done" (it may have happened)', async () => {
      const connect = await deployed();
      const pause = connect.pause.bind(connect);
      connect.pause = async (name: string) => {
        await pause(name);
        if (name === 'mm2-checkpoint')
          throw new AppError('CONNECT_UNREACHABLE', 'connection failed', undefined, { outcomeUnknown: true });
      };
      const error = (await createPauseCommand(testDeps(connect))
        .run(ctx(), { target: 'all', failedOnly: false })
        .catch((e: unknown) => e)) as AppError;
      expect(error.message).toContain('Done: mm2-source.');
      expect(error.message).toContain('Outcome unknown (its answer was lost): mm2-checkpoint.');
      expect(error.message).toContain('Not done: mm2-heartbeat.');
    });

    it('times out with the state reached so far when a connector stays failed', async () => {
      const connect = await deployed();
      connect.failTask('mm2-source', 0, 'java.lang.RuntimeException: still broken');
      connect.restart = async () => undefined; // the task fails again at once
      const view = await createRestartCommand(testDeps(connect)).run(ctx(), {
        target: 'mm2-source',
        failedOnly: false,
      });
      expect(allText(view)).toContain('failed');
      expect(allText(view)).toContain(':warning:');
    });
  });

  describe('status and offsets', () => {
    it('status lists states, workers and a short trace of a failed task', async () => {
      const connect = await deployed();
      connect.failTask(
        'mm2-source',
        0,
        'org.apache.kafka.connect.errors.ConnectException: Unrecoverable\n\tat a.b.C(C.java:1)\n\tat d.e.F(F.java:2)\nCaused by: org.apache.kafka.common.errors.TimeoutException: Timed out\n\tat x.y.Z(Z.java:3)',
      );
      const view = await createStatusCommand(testDeps(connect)).run(ctx(), {});
      const text = allText(view);
      expect(view.text).toContain('mm2-source RUNNING');
      expect(view.text).toContain('(1 failed)');
      expect(text).toContain('Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out');
      expect(text).not.toContain('C.java:1');
      expect(text).toContain('10.0.0.1:8083');
      expect(connect.calls).toEqual(['list']);
    });

    it('offsets summarizes per topic and attaches a CSV when long', async () => {
      const connect = await deployed();
      connect.offsetsOf['mm2-source'] = {
        offsets: Array.from({ length: 90 }, (_, i) => ({
          partition: { cluster: 'source', topic: `t${i % 45}`, partition: i % 2 },
          offset: { offset: i },
        })),
      };
      const reply = recordingReply();
      const view = await createOffsetsCommand(testDeps(connect)).run(ctx(reply), { name: 'mm2-source' });
      expect(view.text).toBe('mm2-source: committed offsets for 45 topic(s), 90 partition(s)');
      expect(reply.files).toEqual(['mm2-source-offsets.csv']);
      const unknown = await createOffsetsCommand(testDeps(connect))
        .run(ctx(), { name: 'nope' })
        .catch((e: unknown) => e);
      expect(unknown).toMatchObject({ code: 'BAD_INPUT' });
    });
  });
});

describe('deploy when Connect stops answering while following', () => {
  it('says everything was applied and how to check', async () => {
    const connect = new InMemoryConnect();
    let statusCalls = 0;
    const realStatus = connect.status.bind(connect);
    connect.status = async (name) => {
      statusCalls += 1;
      if (statusCalls > 3)
        throw new AppError('CONNECT_UNREACHABLE', 'Kafka Connect at http://connect.test:8083 is unreachable');
      return realStatus(name);
    };
    const error = (await createDeployCommand(testDeps(connect))
      .run(ctx(), { target: 'all', dryRun: false })
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('CONNECT_UNREACHABLE');
    expect(error.message).toContain(
      'Applied: mm2-source, mm2-checkpoint, mm2-heartbeat. Following their state then failed',
    );
  });
});

describe('lifecycle edge cases', () => {
  it('restart of a paused connector waits for it to be paused again, not running', async () => {
    const connect = await deployed();
    const deps = testDeps(connect);
    await createPauseCommand(deps).run(ctx(), { target: 'mm2-heartbeat', failedOnly: false });
    connect.restart = async (name) => {
      connect.calls.push(`restart ${name}`);
    };
    const view = await createRestartCommand(deps).run(ctx(), { target: 'mm2-heartbeat', failedOnly: false });
    expect(view.text).toBe('Restarted mm2-heartbeat: mm2-heartbeat PAUSED');
    expect(allText(view)).not.toContain(':warning:');
  });

  it('pause all that fails half-way says what was and was not done', async () => {
    const connect = await deployed();
    const realPause = connect.pause.bind(connect);
    connect.pause = async (name) => {
      if (name === 'mm2-checkpoint')
        throw new AppError('CONNECT_UNREACHABLE', 'Kafka Connect at x is unreachable');
      return realPause(name);
    };
    const error = (await createPauseCommand(testDeps(connect))
      .run(ctx(), { target: 'all', failedOnly: false })
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('CONNECT_UNREACHABLE');
    expect(error.message).toContain('Done: mm2-source. Not done: mm2-checkpoint, mm2-heartbeat.');
  });
});
