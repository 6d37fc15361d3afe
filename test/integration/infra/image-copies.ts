import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { parseDockerfile } from '../../unit/docker/dockerfile-check';

/** One file or folder the image's final stage copies from the build context (the repository root). */
export interface ImageCopy {
  /** Path in the repository. */
  from: string;
  /** Path inside the image's WORKDIR. */
  to: string;
}

/**
 * What the final stage of a Dockerfile copies from the build context (not `COPY --from=<stage>`), with
 * destinations made relative to its WORKDIR, so a rehearsal lays out the same files as the image.
 */
export function imageCopies(dockerfile: string): ImageCopy[] {
  const instructions = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  let workdir = '/';
  const copies: ImageCopy[] = [];
  for (const { keyword, args } of instructions.slice(lastFrom + 1)) {
    if (keyword === 'WORKDIR') workdir = posix.resolve(workdir, args.trim());
    if (keyword !== 'COPY' || /(^|\s)--from=/.test(args)) continue;
    const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
    const dest = posix.resolve(workdir, parts.pop()!);
    const intoFolder = parts.length > 1 || dest.endsWith('/') || args.trim().endsWith('/');
    for (const source of parts) {
      const from = source.replace(/\/$/, '');
      const target = intoFolder && !source.endsWith('/') ? posix.join(dest, posix.basename(from)) : dest;
      copies.push({ from, to: posix.relative(workdir, target) });
    }
  }
  return copies;
}

/** The final stage's CMD in exec form (a JSON array), as the container would start it inside WORKDIR. */
export function imageCommand(dockerfile: string): string[] {
  const cmd = parseDockerfile(readFileSync(dockerfile, 'utf8'))
    .filter((i) => i.keyword === 'CMD')
    .at(-1);
  if (cmd === undefined) throw new Error(`${dockerfile} has no CMD`);
  return JSON.parse(cmd.args) as string[];
}
