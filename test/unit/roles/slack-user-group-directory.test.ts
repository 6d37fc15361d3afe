import type { WebClient } from '@slack/web-api';
import {
  SlackUserGroupDirectory,
  type UserGroupsApi,
} from '../../../bot/adapters/slack-directory/slack-user-group-directory';

// Compile-time check: Bolt's WebClient fits the minimal interface, so main.ts can pass app.client.
export const webClientFits = (client: WebClient): UserGroupsApi => client;

const fake = (impl: (args: { usergroup: string }) => Promise<{ users?: string[] }>): UserGroupsApi => ({
  usergroups: { users: { list: impl } },
});

describe('SlackUserGroupDirectory', () => {
  test('returns the members Slack lists for the group', async () => {
    const seen: string[] = [];
    const directory = new SlackUserGroupDirectory(
      fake(async ({ usergroup }) => {
        seen.push(usergroup);
        return { users: ['U1', 'U2'] };
      }),
    );
    expect(await directory.membersOf('SOPS')).toEqual(['U1', 'U2']);
    expect(seen).toEqual(['SOPS']);
  });

  test('no users field means an empty group', async () => {
    expect(await new SlackUserGroupDirectory(fake(async () => ({}))).membersOf('S1')).toEqual([]);
  });

  test('a Slack error becomes SLACK_ERROR with a hint that says what to fix', async () => {
    const error = Object.assign(new Error('An API error occurred: missing_scope'), {
      data: { error: 'missing_scope' },
    });
    const directory = new SlackUserGroupDirectory(fake(() => Promise.reject(error)));
    await expect(directory.membersOf('SOPS')).rejects.toMatchObject({
      code: 'SLACK_ERROR',
      hint: expect.stringContaining('usergroups:read'),
    });
  });
});
