import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './helpers/platform';

const run = promisify(execFile);

// Runs the CDK app exactly as `npx cdk synth` does (cdk.json's "app"), offline, with no AWS credentials.
jest.setTimeout(180_000);

describe('infra/bin/app.ts', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function synth(
    env: Record<string, string>,
  ): Promise<{ outdir: string; code: number; output: string }> {
    const outdir = mkdtempSync(join(tmpdir(), 'mm2-app-'));
    dirs.push(outdir);
    const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { app: string };
    const [command, ...args] = cdkJson.app.split(' ');
    try {
      const { stdout, stderr } = await run(command!, args, {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          CDK_OUTDIR: outdir,
          CDK_CONTEXT_JSON: JSON.stringify({}),
          AWS_EC2_METADATA_DISABLED: 'true',
          ...env,
        },
        timeout: 170_000,
      });
      return { outdir, code: 0, output: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { outdir, code: e.code, output: e.stdout + e.stderr };
    }
  }

  // One environment is enough here (synth is slow); stack.test.ts and nag.test.ts cover both in-process.
  it('synthesizes the default environment offline, with cdk-nag passing inside synth', async () => {
    const lab = await synth({});
    expect({ code: lab.code, output: lab.code === 0 ? '' : lab.output }).toEqual({ code: 0, output: '' });
    expect(existsSync(join(lab.outdir, 'Mm2ChatopsLabImages.template.json'))).toBe(true);
    expect(existsSync(join(lab.outdir, 'Mm2ChatopsLab.template.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(lab.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ violations: unknown[] }>;
    };
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });

  it('names the known environments when given an unknown one', async () => {
    const result = await synth({ MM2_ENV: 'staging' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Unknown environment "staging": use one of lab, prod');
  });
});
