// Health follows the socket: the first sign it is gone flips it, `connected` flips it back. Driven through
// an EventEmitter shaped as our own SocketEvents interface; the end-to-end proof against the real SDK is
// the chaos row "Slack disconnect frames and a dropped socket, one replica".
import { EventEmitter } from 'node:events';
import { watchSocketLiveness } from '../../../bot/slack/socket-liveness';

function watched() {
  const client = new EventEmitter();
  const seen: string[] = [];
  watchSocketLiveness(client, {
    onDown: (reason) => seen.push(`down:${reason}`),
    onUp: () => seen.push('up'),
  });
  return { client, seen };
}

test('a disconnect frame flips health before the socket has closed', () => {
  const { client, seen } = watched();
  client.emit('connected');
  client.emit('ws_message', JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }), false);
  expect(seen).toEqual(['up', 'down:disconnect frame']);
});

test.each(['close', 'disconnecting', 'disconnected', 'reconnecting'])('%s means down', (event) => {
  const { client, seen } = watched();
  client.emit(event);
  expect(seen).toEqual([`down:${event}`]);
});

test('envelopes (even one whose text says disconnect), a torn frame and binary data leave health alone', () => {
  const { client, seen } = watched();
  const envelope = { type: 'slash_commands', envelope_id: 'e1', payload: { text: 'disconnect' } };
  client.emit('ws_message', JSON.stringify(envelope), false);
  client.emit('ws_message', '{"type":"disconnect"', false);
  client.emit('ws_message', new TextEncoder().encode('{"type":"disconnect"}').buffer, true);
  expect(seen).toEqual([]);
});
