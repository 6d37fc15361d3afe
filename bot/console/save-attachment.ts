import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileAttachment } from '../views/view';

/**
 * Where the console puts a command's files: `<dir>/<time>-<name>`. Text is redacted like any message;
 * bytes (an image) are written as they are. Resolves with the file's path.
 */
export function attachmentSaver(
  dir: string,
  redact: (text: string) => string,
  now: () => number = Date.now,
): (file: FileAttachment) => Promise<string> {
  return async (file) => {
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${now()}-${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}`);
    await writeFile(path, typeof file.content === 'string' ? redact(file.content) : file.content);
    return path;
  };
}
