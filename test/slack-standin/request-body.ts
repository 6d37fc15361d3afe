import type { IncomingMessage } from 'node:http';

export async function readRaw(req: IncomingMessage, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw new Error(`request body over ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export interface ParsedBody {
  fields: Record<string, unknown>;
  /** Binary parts of a multipart body, by part name. */
  files: Record<string, Buffer>;
}

/**
 * Slack's Web API takes form-encoded, JSON and multipart bodies alike (the WebClient picks form-encoded,
 * or multipart when an argument is binary; response_url posts are JSON). Query parameters count too.
 */
export async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): Promise<ParsedBody> {
  const fields: Record<string, unknown> = Object.fromEntries(query.entries());
  const files: Record<string, Buffer> = {};
  const type = (contentType ?? '').toLowerCase();
  if (raw.length === 0) return { fields, files };
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      Object.assign(fields, parsed);
  } else if (type.startsWith('multipart/form-data')) {
    // undici's Request parses multipart for us; the content-type carries the boundary.
    const form = await new Request('http://stand-in.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType ?? '' },
      body: raw,
    }).formData();
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else files[name] = Buffer.from(await value.arrayBuffer());
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8')).entries()) fields[k] = v;
  }
  return { fields, files };
}

/** The token of a call: the `Authorization: Bearer` header, else a `token` body field (Slack accepts both). */
export function tokenOf(req: IncomingMessage, fields: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) {
    const t = header.slice(7).trim();
    if (t !== '') return t;
  }
  return typeof fields.token === 'string' && fields.token !== '' ? fields.token : undefined;
}
