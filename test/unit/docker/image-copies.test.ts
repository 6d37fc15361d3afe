import { join } from 'node:path';
import { imageCommand, imageCopies } from '../../integration/infra/image-copies';

const ROOT = join(__dirname, '../../..');

test("the bot image's final stage: what it copies from the repository, where under /app", () => {
  expect(imageCopies(join(ROOT, 'docker/bot/Dockerfile'))).toEqual([
    { from: 'package.json', to: 'package.json' },
    { from: 'package-lock.json', to: 'package-lock.json' },
    { from: 'bot/assets', to: 'dist/bot/assets' },
    { from: 'grafana/dashboards', to: 'grafana/dashboards' },
    { from: 'connectors', to: 'connectors' },
    { from: 'manifest.yml', to: 'manifest.yml' },
    { from: 'docker/bot/node-options', to: 'node-options' },
  ]);
});

test("the bot image's CMD: node with the flags of docker/bot/node-options, which the image copies", () => {
  expect(imageCommand(join(ROOT, 'docker/bot/Dockerfile'))).toEqual([
    '/bin/sh',
    '-c',
    'exec node $(cat node-options) dist/bot/main.js',
  ]);
});
