/** Manifests the live-cluster tests and benchmarks type into their documents. */

/** A Deployment of nginx pods with small requests; `tier` adds a metadata label (an edit that changes no pod). */
export function deploymentYaml(name: string, replicas: number, tier?: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}${tier ? `, labels: {tier: ${tier}}` : ''}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: web, image: nginx:1.27, resources: {requests: {cpu: 10m, memory: 16Mi}}}]
`;
}
