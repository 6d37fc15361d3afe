import { RemovalPolicy } from 'aws-cdk-lib';

export function removalPolicyOf(removal: 'retain' | 'destroy'): RemovalPolicy {
  return removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
