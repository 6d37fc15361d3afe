// The matrix, in the order it runs: quick Slack-side faults first, lab component faults last.
import type { ChaosScenario } from '../chaos-types';
import { awsDown, connectKilledMidDeploy, prometheusDown, targetBrokerRestart } from './component-outages';
import { fuzz } from './fuzz';
import { load } from './load';
import { rateLimitStorm } from './rate-limit-storm';
import { sigkillMidApproval, sigkillMidDeploy } from './bot-sigkill';
import { disconnectsOneReplica, disconnectsTwoReplicas } from './slack-disconnects';
import { slowConnect } from './slow-connect';
import { stateStoreHangs, twoReplicasOnS3 } from './state-store';

export const SCENARIOS: ChaosScenario[] = [
  disconnectsOneReplica,
  disconnectsTwoReplicas,
  rateLimitStorm,
  sigkillMidApproval,
  sigkillMidDeploy,
  twoReplicasOnS3,
  stateStoreHangs,
  slowConnect,
  prometheusDown,
  awsDown,
  targetBrokerRestart,
  connectKilledMidDeploy,
  fuzz,
  load,
];
