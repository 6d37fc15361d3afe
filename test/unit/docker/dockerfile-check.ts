import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buffer = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (!buffer && (line.trim() === '' || line.trim().startsWith('#'))) return;
    if (buffer && line.trim().startsWith('#')) return;
    if (!buffer) start = index + 1;
    buffer += (buffer ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const match = /^(\S+)\s*(.*)$/.exec(buffer);
    if (match) out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: start });
    buffer = '';
  });
  return out;
}

const SECRET_NAME = /PASSWORD|TOKEN|SECRET|PRIVATE_KEY|ACCESS_KEY/i;

/** KEY=value pairs of an ENV or ARG instruction (both the `K=V K2=V2` and the legacy `K V` forms). */
function assignments(args: string): Array<[string, string]> {
  if (!args.includes('=')) {
    const [key, ...rest] = args.split(/\s+/);
    return [[key ?? '', rest.join(' ')]];
  }
  return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)].map((m) => [
    m[1]!,
    m[2]!.replace(/^"|"$/g, ''),
  ]);
}

/**
 * Problems of one Dockerfile: base images without a fixed version, a final stage running as root,
 * secrets baked into ENV/ARG, COPY sources missing from the build context (the repository root).
 */
export function checkDockerfile(text: string, contextDir: string): string[] {
  const problems: string[] = [];
  const instructions = parseDockerfile(text);
  const stages: string[] = [];
  let finalUser: string | undefined;
  let stageCount = 0;
  let healthcheck = false;

  for (const { keyword, args, line } of instructions) {
    if (keyword === 'FROM') {
      stageCount += 1;
      finalUser = undefined;
      const [image = '', , alias] = args.replace(/--platform=\S+\s+/, '').split(/\s+/);
      if (alias) stages.push(alias.toLowerCase());
      if (stages.includes(image.toLowerCase()) && image.toLowerCase() !== alias?.toLowerCase()) continue;
      const digest = /@sha256:[0-9a-f]{64}$/.test(image);
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      if (!digest && (!tag || tag === 'latest' || !/\d/.test(tag)))
        problems.push(
          `line ${line}: base image ${image} is not pinned to a version (give a versioned tag or a digest)`,
        );
    }
    if (keyword === 'USER') finalUser = args.trim();
    if (keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(args)) healthcheck = true;
    if (keyword === 'ENV' || keyword === 'ARG')
      for (const [key, value] of assignments(args))
        if (SECRET_NAME.test(key) && value !== '')
          problems.push(
            `line ${line}: ${keyword} ${key} bakes a secret into the image; inject it at run time`,
          );
    if (keyword === 'COPY' || keyword === 'ADD') {
      const parts = args.split(/\s+/).filter((p) => p !== '');
      if (parts.some((p) => p.startsWith('--from='))) continue;
      const paths = parts.filter((p) => !p.startsWith('--'));
      for (const source of paths.slice(0, -1))
        if (!existsSync(join(contextDir, source)))
          problems.push(`line ${line}: ${keyword} source ${source} does not exist in the build context`);
    }
  }
  if (stageCount === 0) problems.push('no FROM instruction');
  if (!finalUser || /^(root|0)(:.*)?$/.test(finalUser))
    problems.push('the final stage runs as root: add USER with an unprivileged user');
  if (!healthcheck) problems.push('no HEALTHCHECK');
  return problems;
}
