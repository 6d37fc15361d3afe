/** Connect's states, as icons in the connector views. */
export const STATE_ICON: Record<string, string> = {
  RUNNING: ':large_green_circle:',
  PAUSED: ':double_vertical_bar:',
  STOPPED: ':black_square_for_stop:',
  FAILED: ':red_circle:',
  UNASSIGNED: ':white_circle:',
  RESTARTING: ':arrows_counterclockwise:',
};
export const icon = (state: string | undefined): string =>
  state ? (STATE_ICON[state] ?? ':grey_question:') : ':heavy_minus_sign:';
