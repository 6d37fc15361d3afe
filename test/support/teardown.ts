/**
 * What a test rig started, to stop in reverse order. A rig that fails half-way through its start stops
 * what it had started before the error leaves (see `startOrUnwind`): otherwise its servers, timers and
 * child processes keep jest alive ("did not exit") and the next run meets their leftovers.
 */
export class Teardown {
  private readonly parts: Array<{ name: string; stop: () => Promise<void> | void }> = [];

  /** Registers how to stop a part that has just started; returns the part. */
  add<T>(name: string, part: T, stop: (part: T) => Promise<void> | void): T {
    this.parts.push({ name, stop: () => stop(part) });
    return part;
  }

  /** Stops every part, newest first, each even if another fails; then reports the failures together. */
  async run(): Promise<void> {
    const failures: Error[] = [];
    for (const { name, stop } of this.parts.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        failures.push(new Error(`stopping ${name}: ${(error as Error)?.message ?? String(error)}`));
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, failures.map((f) => f.message).join('; '));
  }
}

/** Runs a start; when it throws, stops what it had started and rethrows the start's own error. */
export async function startOrUnwind<T>(start: (teardown: Teardown) => Promise<T>): Promise<T> {
  const teardown = new Teardown();
  try {
    return await start(teardown);
  } catch (error) {
    await teardown.run().catch((stopError: Error) => {
      // The start's error is the one to read; what could not be stopped is said beside it.
      console.error(`after a failed start: ${stopError.message}`);
    });
    throw error;
  }
}
