import { AppError } from '../../domain/errors';
import type { Redactor } from './deps';
import { diffText } from './diff-text';
import type { DeployPlan } from './plan-deploy';

export interface DeployPreviewData {
  profileName: string;
  dryRun: boolean;
  items: Array<{
    name: string;
    kind: 'new' | 'changed' | 'same';
    diff: string;
    errors: Array<{ field: string; messages: string[] }>;
  }>;
}

/** The plan as users and the audit see it: diffs and Connect's messages, redacted. */
export function deployPreviewData(plan: DeployPlan, dryRun: boolean, redactor: Redactor): DeployPreviewData {
  return {
    profileName: plan.profile.name,
    dryRun,
    items: plan.items.map((i) => ({
      name: i.name,
      kind: i.diff.kind,
      diff: diffText(i.name, i.diff, redactor),
      errors: i.validation.errors.map((e) => ({
        field: e.field,
        messages: e.messages.map((m) => redactor.text(m)),
      })),
    })),
  };
}

/** The audit detail of a deploy: every diff, redacted. */
export const deployAuditDetail = (data: DeployPreviewData): string =>
  data.items.map((i) => i.diff).join('\n');

/** Connect refused the rendered config: the error names every field with Connect's own message. */
export function validationRefusal(data: DeployPreviewData): AppError {
  const lines = data.items.flatMap((i) =>
    i.errors.flatMap((e) => e.messages.map((m) => `• ${i.name} ${e.field}: ${m}`)),
  );
  return new AppError(
    'CONNECT_REJECTED',
    `Connect rejected the rendered config; nothing was applied.\n${lines.slice(0, 20).join('\n')}` +
      (lines.length > 20 ? `\n… and ${lines.length - 20} more` : ''),
    'Fix the template or the profile, then check with /mm2 deploy --dry-run.',
  );
}
