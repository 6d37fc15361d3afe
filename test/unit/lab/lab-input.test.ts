import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labConfig } from '../../lab/config';
import { labDown, labUp } from '../../lab/lab';

const quiet = () => undefined;
const runDir = () => mkdtempSync(join(tmpdir(), 'mm2-lab-'));

describe('lab input checks', () => {
  let blocker: Server;
  let busyPort: number;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    busyPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  test('a port already in use is named, with the variable that moves it', async () => {
    // Every other port is one nobody uses, so the busy one is the one reported.
    const others = {
      LAB_PORT_SOURCE: '24092',
      LAB_PORT_TARGET: '24192',
      LAB_PORT_CONNECT: '24083',
      LAB_PORT_CONNECT_METRICS: '24404',
      LAB_PORT_AWS: '24500',
    };
    const config = labConfig({ ...others, LAB_RUN_DIR: runDir(), LAB_PORT_PROMETHEUS: String(busyPort) });
    await expect(labUp(config, quiet)).rejects.toThrow(
      `Port ${busyPort} (Prometheus) is already in use on 127.0.0.1. Stop what listens there, or choose another port with LAB_PORT_PROMETHEUS=<port>.`,
    );
  });

  test('a bad port or heap value names the variable and what it should be', () => {
    expect(() => labConfig({ LAB_PORT_CONNECT: 'http' })).toThrow(
      'LAB_PORT_CONNECT=http is not valid: give an integer between 1024 and 65534.',
    );
    expect(() => labConfig({ LAB_HEAP_CONNECT: 'lots' })).toThrow(
      'LAB_HEAP_CONNECT=lots is not valid: give a JVM size such as 512m or 1g.',
    );
  });

  test('lab:down with nothing running is harmless, twice', async () => {
    const config = labConfig({ LAB_RUN_DIR: runDir() });
    await expect(labDown(config, quiet)).resolves.toBe(0);
    await expect(labDown(config, quiet)).resolves.toBe(0);
  });

  test('a missing prerequisite is named with how to install it', () => {
    const script = join(__dirname, '../../lab/bootstrap/ensure.mjs');
    const onlyNode = runDir();
    symlinkSync(process.execPath, join(onlyNode, 'node'));
    const result = spawnSync(join(onlyNode, 'node'), [script], { encoding: 'utf8', env: { PATH: onlyNode } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Missing prerequisite: Java 17+');
    expect(result.stderr).toContain('apt-get install -y openjdk-17-jdk-headless');
  });
});
