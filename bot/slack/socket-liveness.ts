/** The part of the Socket Mode client (an eventemitter3 emitter) this needs. */
export interface SocketEvents {
  on(event: string, listener: (data: unknown, isBinary: boolean) => void): unknown;
}

/** Why the socket counts as down; the first sign wins, so health drops before any reconnect delay. */
const DOWN_EVENTS = ['disconnecting', 'disconnected', 'close', 'reconnecting'] as const;

/**
 * Follows the Socket Mode client (@slack/socket-mode 3) and reports whether it can take envelopes now.
 * Down as soon as the socket closes or Slack sends a `disconnect` frame (the client then closes the socket
 * itself, and only says `reconnecting` after its ping-timeout delay); up again on `connected` (hello).
 */
export function watchSocketLiveness(
  client: SocketEvents,
  hooks: { onDown: (reason: string) => void; onUp: () => void },
): void {
  for (const event of DOWN_EVENTS) client.on(event, () => hooks.onDown(event));
  client.on('connected', () => hooks.onUp());
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    if (!isBinary && isDisconnectFrame(data)) hooks.onDown('disconnect frame');
  });
}

function isDisconnectFrame(data: unknown): boolean {
  const text =
    typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : '';
  // Cheap test first: every envelope passes here, and only a frame this short can be a disconnect.
  if (!text.includes('"disconnect"')) return false;
  try {
    return (JSON.parse(text) as { type?: unknown }).type === 'disconnect';
  } catch {
    return false;
  }
}
