import type { Block, View } from '../view';
import type { Availability, ServiceScaling } from '../../ports/scaling';
import * as blocks from '../blocks';
import { clip as clipped, escapeText } from '../mrkdwn';

/** Clipped and made inert: every string here comes from AWS. */
const clip = (text: string, max: number) => escapeText(clipped(text, max));
const section = (text: string): Block => blocks.section(escapeText(text));
const header = (text: string): Block => blocks.header(escapeText(text));
const context = (text: string): Block => blocks.context(escapeText(text));
const iso = (d: Date | undefined) => (d ? d.toISOString().replace(/\.\d+Z$/, 'Z') : '–');

const unavailable = <T>(a: Availability<T>, render: (value: T) => string): string =>
  a.available ? render(a.value) : `_not available_ (${clip(a.reason, 300)})`;

/** `/mm2 scaling`: counts, rollout, image, autoscaling bounds, policies and recent activity, as reported. */
export const scalingView = (s: ServiceScaling): View => {
  const rollout = s.deployments
    .slice(0, 5)
    .map(
      (d) =>
        `• \`${d.status}\` ${d.rolloutState ?? 'rollout state –'}: ${d.running}/${d.desired} running, ${d.pending} pending${
          d.failedTasks ? `, ${d.failedTasks} failed` : ''
        } · ${d.taskDefinition.split('/').pop()} · updated ${iso(d.updatedAt ?? d.createdAt)}${
          d.rolloutStateReason ? `\n   _${clip(d.rolloutStateReason, 200)}_` : ''
        }`,
    )
    .join('\n');
  const images = s.images
    .map(
      (i) =>
        `• \`${clip(i.container, 100)}\`: \`${clip(i.image, 200)}\` · ${i.pushedAt ? `pushed ${iso(i.pushedAt)}` : (i.note ?? 'push time unknown')}${
          i.digest ? ` · ${i.digest.slice(0, 19)}` : ''
        }`,
    )
    .join('\n');
  const bounds = unavailable(s.autoscaling, (t) =>
    t ? `min *${t.min}* · max *${t.max}*` : '_no scalable target registered_',
  );
  const policies = unavailable(s.policies, (list) =>
    list.length === 0
      ? '_no scaling policies_'
      : list
          .map(
            (p) =>
              `• \`${clip(p.name, 200)}\` ${clip(p.type, 60)}${p.targetValue !== undefined ? ` target *${p.targetValue}*` : ''}${p.metric ? ` on ${clip(p.metric, 100)}` : ''}${
                p.scaleOutCooldown !== undefined ? ` · out cooldown ${p.scaleOutCooldown}s` : ''
              }${p.scaleInCooldown !== undefined ? ` · in cooldown ${p.scaleInCooldown}s` : ''}`,
          )
          .join('\n'),
  );
  const activities = unavailable(s.activities, (list) =>
    list.length === 0
      ? '_none recently_'
      : list
          .map(
            (a) =>
              `• ${iso(a.startedAt)} \`${a.status}\` ${clip(a.description, 200)}${a.cause ? ` (${clip(a.cause, 150)})` : ''}`,
          )
          .join('\n'),
  );
  const td = s.taskDefinition;
  return {
    text: `Connect service ${s.service}: ${s.running}/${s.desired} running, ${s.pending} pending`,
    blocks: [
      header(`Connect scaling: ${s.cluster}/${s.service}`),
      section(
        `*Tasks:* desired *${s.desired}* · running *${s.running}* · pending *${s.pending}* · service ${s.status}\n*Autoscaling:* ${bounds}`,
      ),
      section(`*Deployments*\n${rollout || '_none_'}`),
      section(
        `*Task definition:* \`${td.family}:${td.revision}\`${td.cpu ? ` · cpu ${td.cpu}` : ''}${td.memory ? ` · memory ${td.memory}` : ''}\n${images || '_no containers_'}`,
      ),
      section(`*Scaling policies*\n${policies}`),
      section(`*Recent scaling activity*\n${activities}`),
      context(`task definition ${clip(td.arn, 300)}`),
    ],
  };
};
