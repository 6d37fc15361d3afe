import type { ScalingInfo, ServiceScaling } from '../../ports/scaling';

export interface ScalingSummary extends ServiceScaling {
  /** True while more than one deployment exists or the primary's rollout is not COMPLETED. */
  rolloutInProgress: boolean;
}

export interface ScalingReporter {
  report(): Promise<ScalingSummary>;
}

export const createScalingReporter = (deps: { scaling: ScalingInfo }): ScalingReporter => ({
  report: async () => {
    const s = await deps.scaling.describe();
    const primary = s.deployments.find((d) => d.status === 'PRIMARY');
    const rolloutInProgress =
      s.deployments.length > 1 ||
      (primary?.rolloutState !== undefined && primary.rolloutState !== 'COMPLETED');
    return { ...s, rolloutInProgress };
  },
});
