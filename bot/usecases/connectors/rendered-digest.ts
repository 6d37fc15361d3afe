import { createHash } from 'node:crypto';
import type { RenderedConnector } from '../profile/render-connectors';

/**
 * A digest of exactly what a deploy would PUT (each selected connector's name and rendered config,
 * keys in order). The approval request stores the one its preview showed; at execution a different
 * digest means the profile or templates changed while the request waited.
 */
export function renderedDigest(
  connectors: ReadonlyArray<Pick<RenderedConnector, 'name' | 'config'>>,
): string {
  const canonical = [...connectors]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => [c.name, Object.entries(c.config).sort(([a], [b]) => a.localeCompare(b))]);
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical)).digest('hex')}`;
}
