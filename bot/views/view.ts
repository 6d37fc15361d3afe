/** A Block Kit message: `text` is the notification/fallback text, `blocks` the layout. */
export interface View {
  text: string;
  blocks: Block[];
}

/** Block Kit objects are plain JSON built by pure functions in bot/views. */
export type Block = Record<string, unknown> & { type: string };

/** A file posted with a message. A Buffer is sent byte for byte (an image); a string is text (a CSV). */
export interface FileAttachment {
  filename: string;
  title: string;
  content: string | Buffer;
  /** Images: what the picture shows, for screen readers (Slack's alt text). */
  altText?: string;
  /** Posted with the file as its comment (e.g. a snapshot's one line per series). */
  comment?: string;
}
