import type { FilesGetUploadURLExternalArguments, WebClient } from '@slack/web-api';

/** What goes up: the bytes, where they are shared, and the words around them. */
export interface FileUpload {
  channel: string;
  threadTs?: string;
  filename: string;
  title: string;
  bytes: Buffer;
  /** The image's description for screen readers (Slack's limit: 1,000 characters). */
  altText?: string;
  comment?: string;
}

/** The byte upload has no Web API budget of its own (it is not a Web API call): a generous one. */
const UPLOAD_BUDGET_MS = 60_000;

/**
 * A file shared the current way, in Slack's three steps: files.getUploadURLExternal, the bytes sent to the
 * URL it gives, files.completeUploadExternal into the channel (and thread). Done here rather than with
 * @slack/web-api's files.uploadV2 because that sends the alt text as `alt_text`, while Slack documents
 * `alt_txt` for files.getUploadURLExternal: an argument Slack does not know is ignored, so the picture
 * reached Slack without its description. `step` wraps each step (errors named, budgets applied).
 */
export async function uploadFile(
  client: WebClient,
  file: FileUpload,
  step: <T>(what: string, call: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const urlArgs: FilesGetUploadURLExternalArguments & { alt_txt?: string } = {
    filename: file.filename,
    length: file.bytes.length,
    ...(file.altText ? { alt_txt: file.altText } : {}),
  };
  const { upload_url: uploadUrl, file_id: fileId } = await step('files.getUploadURLExternal', () =>
    client.files.getUploadURLExternal(urlArgs),
  );
  if (!uploadUrl || !fileId) throw new Error('files.getUploadURLExternal answered without an upload URL');
  await step('the file upload', async () => {
    const res = await fetch(uploadUrl, {
      method: 'POST',
      body: file.bytes,
      signal: AbortSignal.timeout(UPLOAD_BUDGET_MS),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`the upload URL answered HTTP ${res.status}`);
  });
  await step('files.completeUploadExternal', () =>
    client.files.completeUploadExternal({
      files: [{ id: fileId, title: file.title }],
      channel_id: file.channel,
      ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
      ...(file.comment ? { initial_comment: file.comment } : {}),
    }),
  );
}
