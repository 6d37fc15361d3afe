import { AppError } from '../../domain/errors';
import type { UserGroupDirectory } from '../../ports/user-groups';

/** The one Web API method this adapter needs: Bolt's WebClient satisfies it without being imported. */
export interface UserGroupsApi {
  usergroups: { users: { list(args: { usergroup: string }): Promise<{ users?: string[] }> } };
}

const slackCode = (error: unknown): string =>
  (error as { data?: { error?: string } })?.data?.error ??
  (error as { code?: string })?.code ??
  'unknown_error';

const HINTS: Record<string, string> = {
  missing_scope: 'Add the usergroups:read scope to the Slack app (manifest.yml) and reinstall it.',
  no_such_subteam: 'Check the S... id in MM2_ROLES: no user group has it.',
  not_allowed_token_type: 'usergroups.users.list needs the bot token (xoxb-).',
};

/** Group members from Slack's `usergroups.users.list`. */
export class SlackUserGroupDirectory implements UserGroupDirectory {
  constructor(private readonly client: UserGroupsApi) {}

  async membersOf(groupId: string): Promise<string[]> {
    try {
      const out = await this.client.usergroups.users.list({ usergroup: groupId });
      return out.users ?? [];
    } catch (error) {
      const code = slackCode(error);
      throw new AppError(
        'SLACK_ERROR',
        `Could not read the members of user group ${groupId} (${code}).`,
        HINTS[code] ?? 'Roles bound to this group fall back to user-id bindings until Slack answers.',
        { cause: error },
      );
    }
  }
}
