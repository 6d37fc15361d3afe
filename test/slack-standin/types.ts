// The shapes the stand-in records. Tests assert on these, so they stay plain data.

export type Block = Record<string, unknown>;

export type MessageSource =
  | 'chat.postMessage'
  | 'chat.update'
  | 'chat.postEphemeral'
  | 'response_url'
  | 'ack'
  | 'files.completeUploadExternal';

export interface MessageVersion {
  text: string;
  blocks: Block[];
  via: MessageSource;
  at: number;
}

/** chat.postMessage `metadata`: returned by conversations.history with `include_all_metadata`. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** One message as Slack would show it: channel messages and ephemerals alike, with every version it had. */
export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** Ephemerals are seen only by `visibleTo`. */
  ephemeral: boolean;
  visibleTo?: string;
  /** Current content (the last version). */
  text: string;
  blocks: Block[];
  files: StoredFile[];
  deleted: boolean;
  /** history[0] is the message as first posted; each update appends a version. */
  history: MessageVersion[];
  postedVia: MessageSource;
  metadata?: MessageMetadata;
}

export interface ApiCallRecord {
  method: string;
  args: Record<string, unknown>;
  /** HTTP status the stand-in answered with (200, or 429 when rate limited). */
  status: number;
  result: Record<string, unknown>;
  at: number;
}

export interface ResponseUrlPost {
  url: string;
  /** What created the URL: a slash command or an interaction. */
  origin: 'slash_commands' | 'block_actions';
  channel: string;
  user: string;
  body: Record<string, unknown>;
  status: number;
  /** Set when the stand-in refused the post (invalid_blocks, used_url, ...). */
  error?: string;
  /** ts of the message created or changed by the post. */
  ts?: string;
  at: number;
}

export interface StoredFile {
  id: string;
  filename: string;
  title?: string;
  declaredLength: number;
  bytes: Buffer;
  channel?: string;
  threadTs?: string;
  initialComment?: string;
  /** Alt text for screen readers, given when the upload URL was asked for. */
  altText?: string;
  completed: boolean;
}

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface EnvelopeRecord {
  envelopeId: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  connectionId: number;
  sentAt: number;
  ack?: AckRecord;
  timedOut: boolean;
  /** Set when a slash command's ack carried a response Slack would refuse (e.g. invalid_blocks). */
  ackContentError?: string;
}

export interface AckRecord {
  envelopeId: string;
  /** Milliseconds from sending the envelope to receiving its ack. */
  ackLatencyMs: number;
  /** The `payload` the app put in its ack (`{}` for a bare ack). */
  payload: Record<string, unknown>;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}
