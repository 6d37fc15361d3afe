// `npm run lab:up [-- --auth <pairing>] | lab:status [-- --json] | lab:down`: the local migration lab of
// real components; with --auth, also a Connect worker in production's auth shape (auth-rehearsal.ts).
import { authPairingFrom, shellExports, startAuthRehearsal } from './auth-rehearsal';
import { labConfig } from './config';
import { labDown, labStatus, labUp } from './lab';

const log = (line: string) => console.log(line);

async function main(command: string | undefined, flags: string[]): Promise<number> {
  const config = labConfig();
  switch (command) {
    case 'up': {
      if (flags.includes('--if-embedded') && (process.env.SLACK_BOT_TOKEN || process.env.CONNECT_URL)) {
        log('Slack tokens or CONNECT_URL are set: not starting the local lab.');
        return 0;
      }
      const { started, state } = await labUp(config, log);
      if (started) log(`The lab is up in ${state.startupSeconds} s.`);
      log('Endpoints:');
      for (const [name, endpoint] of Object.entries(state.endpoints)) log(`  ${name.padEnd(11)} ${endpoint}`);
      log(`Logs: ${config.runDir}/<component>/*.log   The lab keeps running until: npm run lab:down`);
      const auth = flags.indexOf('--auth');
      if (auth >= 0) {
        const pairing = authPairingFrom(flags[auth + 1]);
        const env = await startAuthRehearsal(config, pairing, log);
        log(`\nTo run the bot over it (${pairing}), in the same shell (secrets are read from their files):`);
        for (const line of shellExports(env)) log(`  ${line}`);
        log('  npm start');
      }
      return 0;
    }
    case 'status': {
      const status = await labStatus(config);
      if (flags.includes('--json')) {
        console.log(JSON.stringify(status));
      } else {
        for (const [name, h] of Object.entries(status)) {
          if (typeof h !== 'object' || h === null) continue;
          log(
            `  ${name.padEnd(11)} ${h.healthy ? 'up  ' : 'DOWN'} ${h.endpoint}${h.detail ? `  (${h.detail})` : ''}`,
          );
        }
        log(status.up ? 'The lab is up.' : 'The lab is not (fully) up. Start it with: npm run lab:up');
      }
      return status.up ? 0 : 1;
    }
    case 'down': {
      const stopped = await labDown(config, log);
      log(stopped > 0 ? 'The lab is down.' : 'The lab was not running; nothing to stop.');
      return 0;
    }
    default:
      console.error(
        'Usage: tsx test/lab/cli.ts up [--if-embedded] [--auth scram-to-mtls|mtls-to-scram] | status [--json] | down',
      );
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`lab: ${error.message}`);
    process.exit(1);
  },
);
