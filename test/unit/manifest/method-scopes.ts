/** Web API methods the bot calls, and the bot scope each needs (manifest.yml must grant exactly these). */
export const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'usergroups.users.list': 'usergroups:read',
  'conversations.history': 'channels:history',
  'conversations.replies': 'channels:history',
};

/** Implied by registering a slash command. */
export const COMMAND_SCOPE = 'commands';
