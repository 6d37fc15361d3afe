/** The workspace the stand-in pretends to be: identities returned by auth.test and the user directory. */
export interface Workspace {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  botName: string;
  /** user ID -> user name */
  users: Map<string, string>;
  /** user group ID (S...) -> member user IDs */
  usergroups: Map<string, string[]>;
}

export interface WorkspaceOptions {
  teamId?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  users?: Record<string, string>;
  usergroups?: Record<string, string[]>;
}

export function makeWorkspace(o: WorkspaceOptions): Workspace {
  return {
    teamId: o.teamId ?? 'T0STANDIN',
    teamDomain: 'stand-in',
    appId: o.appId ?? 'A0STANDIN',
    botUserId: o.botUserId ?? 'U0STANDINBOT',
    botId: o.botId ?? 'B0STANDIN',
    botName: 'mm2',
    users: new Map(Object.entries(o.users ?? {})),
    usergroups: new Map(Object.entries(o.usergroups ?? {})),
  };
}

export function userName(ws: Workspace, userId: string): string {
  return ws.users.get(userId) ?? userId.toLowerCase();
}
