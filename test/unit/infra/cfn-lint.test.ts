import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labConfig } from '../../../infra/config/lab';
import { prodConfig } from '../../../infra/config/prod';
import { cfnLint } from './helpers/cfn-lint';
import { synthPlatform, type Synthesized } from './helpers/platform';

// Building and synthesizing the stack takes seconds on a shared 2-core machine.
jest.setTimeout(120_000);

describe('cfn-lint', () => {
  const synthesized: Synthesized[] = [];
  afterAll(() => synthesized.forEach((s) => s.dispose()));

  it.each([
    ['lab', labConfig],
    ['prod', prodConfig],
  ])('finds nothing in the %s templates', async (_name, config) => {
    const s = synthPlatform(config);
    synthesized.push(s);
    expect(await cfnLint(s.templatePath)).toEqual([]);
    expect(await cfnLint(s.imagesTemplatePath)).toEqual([]);
  });

  it('reports a broken template (the check can fail)', async () => {
    const s = synthesized[0] ?? synthPlatform(labConfig);
    const broken = join(s.outdir, 'broken.template.json');
    writeFileSync(
      broken,
      JSON.stringify({
        Resources: {
          Bucket: {
            Type: 'AWS::S3::Bucket',
            Properties: { VersioningConfiguration: { Status: 'Sometimes' } },
          },
        },
      }),
    );
    const findings = await cfnLint(broken);
    expect(findings.join('\n')).toMatch(/E3030.*Sometimes/);
  });
});
