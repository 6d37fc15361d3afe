import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkDockerfile, parseDockerfile } from './dockerfile-check';

const ROOT = resolve(__dirname, '../../..');
const IMAGES = readdirSync(join(ROOT, 'docker'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(join(ROOT, 'docker', d.name)).includes('Dockerfile'))
  .map((d) => d.name)
  .sort();

describe('Dockerfiles', () => {
  it('exist for every image the stack deploys', () => {
    expect(IMAGES).toEqual(['bot', 'grafana', 'kafka-connect', 'prometheus']);
  });

  it.each(IMAGES)(
    'docker/%s/Dockerfile is pinned, non-root, secret-free, and copies files that exist',
    (image) => {
      const text = readFileSync(join(ROOT, 'docker', image, 'Dockerfile'), 'utf8');
      expect(checkDockerfile(text, ROOT)).toEqual([]);
    },
  );

  it('builds the Connect jar set from the shared pom (which holds the MSK IAM jar), as the lab does', () => {
    const steps = parseDockerfile(readFileSync(join(ROOT, 'docker/kafka-connect/Dockerfile'), 'utf8'));
    expect(steps.filter((s) => s.keyword === 'FROM')).toHaveLength(2);
    expect(steps.find((s) => s.keyword === 'COPY')?.args).toBe('docker/kafka-connect/pom.xml pom.xml');
    expect(
      steps.some(
        (s) =>
          s.keyword === 'RUN' && /mvn .*dependency:copy-dependencies/.test(s.args) && !/-P /.test(s.args),
      ),
    ).toBe(true);
    expect(steps.find((s) => s.keyword === 'ENTRYPOINT')?.args).toBe('["/opt/connect/start-connect.sh"]');
    expect(
      steps.some((s) => s.keyword === 'COPY' && s.args.startsWith('docker/kafka-connect/jmx-exporter.yml')),
    ).toBe(true);
  });

  it('installs only production dependencies in the bot image', () => {
    const steps = parseDockerfile(readFileSync(join(ROOT, 'docker/bot/Dockerfile'), 'utf8'));
    const finalStage = steps.slice(steps.map((s) => s.keyword).lastIndexOf('FROM'));
    expect(finalStage.some((s) => s.keyword === 'RUN' && s.args.includes('npm ci --omit=dev'))).toBe(true);
    expect(finalStage.some((s) => s.keyword === 'FROM' && /^node:22\./.test(s.args))).toBe(true);
  });

  it('keeps the promtool unit tests out of the Prometheus image', () => {
    const steps = parseDockerfile(readFileSync(join(ROOT, 'docker/prometheus/Dockerfile'), 'utf8'));
    const ruleCopies = steps.filter((s) => s.keyword === 'COPY' && s.args.includes('/rules/'));
    expect(ruleCopies.map((s) => s.args.split(/\s+/).slice(-2))).toEqual([
      ['docker/prometheus/rules/mm2-alerts.yml', '/etc/prometheus/rules/mm2-alerts.yml'],
    ]);
  });
});

describe('the Dockerfile check', () => {
  const bad = [
    'FROM node:latest AS build',
    'FROM eclipse-temurin',
    'ENV GF_SECURITY_ADMIN_PASSWORD=admin LOG_LEVEL=info',
    'ARG SLACK_BOT_TOKEN=xoxb-1',
    'COPY --chown=1:1 docker/nowhere/file.sh /opt/file.sh',
    'COPY --from=build /app/dist /app/dist',
    'USER root',
  ].join('\n');

  it('reports each kind of problem (so the checks can fail)', () => {
    expect(checkDockerfile(bad, ROOT)).toEqual([
      'line 1: base image node:latest is not pinned to a version (give a versioned tag or a digest)',
      'line 2: base image eclipse-temurin is not pinned to a version (give a versioned tag or a digest)',
      'line 3: ENV GF_SECURITY_ADMIN_PASSWORD bakes a secret into the image; inject it at run time',
      'line 4: ARG SLACK_BOT_TOKEN bakes a secret into the image; inject it at run time',
      'line 5: COPY source docker/nowhere/file.sh does not exist in the build context',
      'the final stage runs as root: add USER with an unprivileged user',
      'no HEALTHCHECK',
    ]);
  });

  it('accepts digests, stage names, empty secret placeholders and continuation lines', () => {
    const good = [
      `FROM alpine@sha256:${'a'.repeat(64)} AS base`,
      'FROM base',
      'ENV SLACK_BOT_TOKEN="" \\',
      '    MODE=x',
      'USER 10001:10001',
      'HEALTHCHECK CMD true',
    ].join('\n');
    expect(checkDockerfile(good, ROOT)).toEqual([]);
  });
});
