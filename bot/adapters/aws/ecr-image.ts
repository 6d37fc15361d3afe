/** Splits an ECR image URI: `<acct>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]`. */
export interface EcrImageRef {
  registryId: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

export const parseEcrImage = (image: string): EcrImageRef | undefined => {
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const host = image.slice(0, slash);
  const match = ECR_HOST.exec(host);
  if (!match) return undefined;
  let rest = image.slice(slash + 1);
  let digest: string | undefined;
  let tag: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const ref: EcrImageRef = { registryId: match[1] as string, repository: rest };
  if (digest) ref.digest = digest;
  else ref.tag = tag ?? 'latest';
  return ref;
};
