import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { attachmentSaver } from '../../../bot/console/save-attachment';
import { slackSurface } from '../../../bot/slack/slack-surface';
import { silentLogger, standInClientOptions } from '../../slack-standin/bolt-against-stand-in';
import { SlackStandIn } from '../../slack-standin/slack-stand-in';
import { decodePng, encodePng } from '../../support/png';

jest.setTimeout(20_000);

// A gradient: every byte value from 0 to 255 shows up, including the ones UTF-8 cannot carry.
const png = encodePng(16, 16, (x, y) => [x * 16, y * 16, (x * y) % 256]);
const redact = <T>(value: T): T =>
  (typeof value === 'string' ? value.replace(/hunter2/g, '***') : value) as T;

describe('file attachments through the Slack surface and the stand-in', () => {
  let standIn: SlackStandIn;
  let client: WebClient;

  beforeEach(async () => {
    standIn = await SlackStandIn.start({ botToken: 'xoxb-stand-in-bot', appToken: 'xapp-stand-in-app' });
    client = new WebClient('xoxb-stand-in-bot', {
      ...standInClientOptions(standIn.apiUrl),
      logger: silentLogger(),
    });
  });
  afterEach(async () => standIn.stop());

  it('a PNG arrives byte for byte, shared in the thread asked, and decodes to the same pixels', async () => {
    const parent = await client.chat.postMessage({ channel: 'C4', text: 'panel' });
    const surface = slackSurface(
      { client, channel: 'C4', user: 'U1', threadTs: parent.ts as string },
      redact,
    );
    await surface.attach({ filename: 'panel.png', title: 'Lag panel', content: png });

    const [file] = standIn.uploadedFiles();
    expect(file).toMatchObject({
      filename: 'panel.png',
      title: 'Lag panel',
      channel: 'C4',
      threadTs: parent.ts,
    });
    expect(file!.declaredLength).toBe(png.length);
    expect(file!.bytes.equals(png)).toBe(true);
    const decoded = decodePng(file!.bytes);
    expect([decoded.width, decoded.height]).toEqual([16, 16]);
    expect(decoded.pixel(15, 3)).toEqual([240, 48, 45]);
    const shared = standIn.messagesIn('C4', { threadTs: parent.ts as string });
    expect(shared.flatMap((m) => m.files.map((f) => f.id))).toEqual([file!.id]);
  });

  it('a text file is still redacted on its way to Slack', async () => {
    const surface = slackSurface({ client, channel: 'C4', user: 'U1' }, redact);
    await surface.attach({ filename: 'lag.csv', title: 'Lag', content: 'topic,password\nörders,hunter2\n' });
    const [file] = standIn.uploadedFiles();
    expect(file!.bytes.toString('utf8')).toBe('topic,password\nörders,***\n');
    expect(standIn.messagesIn('C4').flatMap((m) => m.files.map((f) => f.id))).toEqual([file!.id]);
  });
});

describe('file attachments in the console', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'mm2-attachments-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('writes a PNG as it is and a text file redacted', async () => {
    const save = attachmentSaver(dir, redact, () => 7);
    const pngPath = await save({ filename: 'lag panel.png', title: 'Lag', content: png });
    expect(pngPath).toBe(join(dir, '7-lag_panel.png'));
    expect((await readFile(pngPath)).equals(png)).toBe(true);
    const csvPath = await save({ filename: 'lag.csv', title: 'Lag', content: 'a,hunter2\n' });
    expect(await readFile(csvPath, 'utf8')).toBe('a,***\n');
  });
});
