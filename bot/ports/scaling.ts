/** What runs the Connect workers (an ECS service) and how it scales. */
export interface ServiceDeployment {
  id: string;
  status: string;
  rolloutState?: string;
  rolloutStateReason?: string;
  desired: number;
  running: number;
  pending: number;
  failedTasks?: number;
  taskDefinition: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface ContainerImage {
  container: string;
  image: string;
  /** ECR push time of the image; undefined when not an ECR image or not found. */
  pushedAt?: Date;
  digest?: string;
  /** Why `pushedAt` is missing, e.g. "not an ECR image" or "image not found in ECR". */
  note?: string;
}

export interface ScalingPolicy {
  name: string;
  type: string;
  targetValue?: number;
  metric?: string;
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
}

export interface ScalingActivity {
  startedAt?: Date;
  endedAt?: Date;
  status: string;
  description: string;
  cause?: string;
}

/** An API the backend does not offer (e.g. moto lacks DescribeScalingActivities): never invent data. */
export type Availability<T> = { available: true; value: T } | { available: false; reason: string };

export interface ServiceScaling {
  cluster: string;
  service: string;
  status: string;
  desired: number;
  running: number;
  pending: number;
  deployments: ServiceDeployment[];
  taskDefinition: { arn: string; family: string; revision: number; cpu?: string; memory?: string };
  images: ContainerImage[];
  autoscaling: Availability<{ min: number; max: number; resourceId: string } | undefined>;
  policies: Availability<ScalingPolicy[]>;
  activities: Availability<ScalingActivity[]>;
}

export interface ScalingInfo {
  /** Rejects with AWS_UNREACHABLE or NOT_FOUND. */
  describe(): Promise<ServiceScaling>;
}
