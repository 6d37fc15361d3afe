/** Who belongs to a chat user group (Slack: `usergroups.users.list`). */
export interface UserGroupDirectory {
  /** The user ids in the group; rejects when the directory cannot be asked. */
  membersOf(groupId: string): Promise<string[]>;
}
