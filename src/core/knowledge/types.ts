/** Where a component or concept lives in a cluster. */
export type Placement = 'control-plane' | 'every-node' | 'worker' | 'workstation' | 'in-front-of-nodes' | 'cluster';

/** One port a component listens on, as the "Ports and Protocols" page lists it. */
export interface PortSpec {
  readonly port: number;
  /** Inclusive upper bound of a range such as 2379-2380 or 30000-32767. */
  readonly to?: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly purpose: string;
  /** Who connects to it, in the page's own words ("All", "Self, Control plane"). */
  readonly usedBy: string;
}

/** A link to the page a fact comes from. */
export interface DocLink {
  readonly title: string;
  readonly url: string;
}

/** What kind of thing a glossary entry explains. */
export type EntryKind = 'component' | 'role' | 'infrastructure' | 'resource' | 'field' | 'label' | 'concept' | 'tool';

/** One glossary entry: a component, a role, a resource kind, a field or a well-known label. */
export interface GlossaryEntry {
  /** Stable id, also the main word that triggers the hover. */
  readonly id: string;
  readonly title: string;
  readonly kind: EntryKind;
  /** Other words that mean the same thing (`master` for the control plane). */
  readonly aliases: readonly string[];
  /** One or two sentences: what it is and why it exists. */
  readonly summary: string;
  /** Optional further explanation or a correction of a common misconception. */
  readonly details?: string;
  readonly placement: Placement;
  /** Human-readable "where it runs" line. */
  readonly runsOn: string;
  readonly ports: readonly PortSpec[];
  /** Who this one calls, with the port, e.g. "kube-apiserver :6443". */
  readonly talksTo: readonly string[];
  /** Who calls this one. */
  readonly calledBy: readonly string[];
  readonly docs: DocLink;
  /** A kubectl command that shows it in a real cluster. */
  readonly kubectl: string;
}
