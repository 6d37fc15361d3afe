import { createTask, schedule, validate } from 'node-cron';
import type { CronEngine } from '../../ports/reports';

/** CronEngine over node-cron 4 (its context.date is the slot, in whole seconds). */
export const nodeCronEngine = (): CronEngine => ({
  validate: (expression) => validate(expression),
  schedule: (expression, timezone, onTick) => {
    const task = schedule(expression, (context) => onTick(context.date), { timezone, noOverlap: false });
    return {
      stop: () => {
        void task.destroy();
      },
    };
  },
  next: (expression, timezone) => {
    const task = createTask(expression, () => undefined, { timezone });
    try {
      return task.getNextRuns(1)[0];
    } finally {
      void task.destroy();
    }
  },
});
