/** The ECS calls a cutover makes on the migrating applications' services, and nothing more. */
export interface EcsServiceState {
  desiredCount: number;
  runningCount: number;
  /** The task definition ARN the service runs. */
  taskDefinition: string;
}

/**
 * Errors: AppError `AWS_UNREACHABLE`, `NOT_FOUND` (no such service or task definition), `FORBIDDEN`
 * (the bot's role lacks the call: the infra grants it only on the services in its configuration).
 */
export interface EcsServices {
  describe(cluster: string, service: string): Promise<EcsServiceState>;
  /** The environment of one container of a task definition. */
  environment(taskDefinition: string, container: string): Promise<Record<string, string>>;
  /** The newest ACTIVE revision's ARN of the family of `taskDefinition`. */
  latestRevision(taskDefinition: string): Promise<string>;
  /** Registers a new revision equal to `taskDefinition` but with one environment variable set; resolves with its ARN. */
  registerWithEnv(taskDefinition: string, container: string, name: string, value: string): Promise<string>;
  update(
    cluster: string,
    service: string,
    change: { desiredCount?: number; taskDefinition?: string },
  ): Promise<void>;
}
