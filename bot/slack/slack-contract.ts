/** The slash commands this bot registers; manifest.yml must declare exactly these. */
export const SLASH_COMMANDS = ['/mm2'] as const;
