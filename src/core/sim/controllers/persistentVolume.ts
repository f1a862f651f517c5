import { obj, str } from '../objects';
import { bytes } from '../../quantity';
import type { Stored } from '../store';
import type { KubeObject } from '../types';
import { refOf } from '../eventLog';
import { BaseController, keyOf } from './base';
import { asClaim, asVolume } from '../typed';

/** The annotation kube-scheduler's VolumeBinding puts on a WaitForFirstConsumer claim once its pod's node is chosen. */
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/** kind's default StorageClass (kind's default storage: rancher local-path-provisioner, WaitForFirstConsumer). */
export const KIND_DEFAULT_STORAGE_CLASS: KubeObject = {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { [DEFAULT_CLASS]: 'true' } },
  provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
} as KubeObject;

/** kind's local-path-provisioner, the one provisioner running in the simulated cluster. */
const KIND_PROVISIONER = 'rancher.io/local-path';
/** The source of the PersistentVolume controller's events (its event recorder's component). */
const EVENT_SOURCE = 'persistentvolume-controller';
/**
 * In-tree provisioners whose volumes are now provisioned by a CSI driver (CSI migration, GA for these by v1.26:
 * https://kubernetes.io/docs/concepts/storage/volumes/ and k8s.io/csi-translation-lib); the controller names the driver.
 */
const MIGRATED: Readonly<Record<string, string>> = {
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com', 'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io', 'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com', 'kubernetes.io/cinder': 'cinder.csi.openstack.org', 'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
};

/**
 * The external provisioner that would create a class's volumes, or null when the class names a kubernetes.io/
 * provisioner with no plugin (findProvisionablePlugin: only names outside kubernetes.io/ are taken for external ones).
 */
function externalProvisioner(provisioner: string): string | null {
  if (Object.hasOwn(MIGRATED, provisioner)) return MIGRATED[provisioner];
  return provisioner.startsWith('kubernetes.io/') ? null : provisioner;
}

/** The StorageClass name a claim uses: its own, else the default class (the DefaultStorageClass admission plugin). */
export function claimClass(ctx: { store: { list(kind: string): Iterable<Stored> } }, pvc: KubeObject): string | null {
  const own = asClaim(pvc).spec?.storageClassName;
  if (own !== undefined) return own;
  for (const sc of ctx.store.list('StorageClass')) if (sc.metadata.annotations?.[DEFAULT_CLASS] === 'true') return sc.metadata.name ?? null;
  return null;
}

/** Whether a claim is bound to a volume. */
export function isBound(pvc: KubeObject): boolean {
  return asClaim(pvc).status?.phase === 'Bound';
}

/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go) with the
 * external provisioner's part: a claim binds to an Available PersistentVolume of its class with enough
 * capacity and the access modes it asks for; otherwise a class with a provisioner provisions one —
 * at once for volumeBindingMode Immediate, and for WaitForFirstConsumer only once the scheduler has
 * chosen the first pod's node (the selected-node annotation), pinning the volume to that node.
 */
/** A volume the controller has not synced yet: stored Pending (or with no phase at all). */
const unsynced = (pv: KubeObject): boolean => (asVolume(pv).status?.phase ?? 'Pending') === 'Pending';

/** Queue keys of volumes (the controller's queue otherwise holds claim keys, `namespace/name`, which never start so). */
const VOLUME_KEY = 'pv:';

export class PersistentVolumeController extends BaseController {
  readonly name = 'persistentvolume-binder-controller';
  protected readonly kind = 'PersistentVolumeClaim';
  /** Per waiting claim, the reason last recorded for it. */
  private readonly told = new Map<string, string>();

  start(): this {
    this.ctx.store.watch('PersistentVolumeClaim', (_t, o) => this.queue.add(keyOf(o)));
    // A new volume or class can bind or provision a waiting claim. The real controller finds a new class at its next
    // periodic sync of the claims (every 15 s, kube-controller-manager --pvclaimbinder-sync-period); the simulation at once.
    const retry = (): void => { for (const c of this.ctx.store.list('PersistentVolumeClaim')) if (!isBound(c)) this.queue.add(keyOf(c)); };
    this.ctx.store.watch('PersistentVolume', (t, pv) => {
      // syncVolume: a volume no claim holds becomes Available (queued under its own prefix: the queue holds claim keys).
      if (t !== 'DELETED' && asVolume(pv).spec?.claimRef === undefined && unsynced(pv)) this.queue.add(`${VOLUME_KEY}${pv.metadata.name ?? ''}`);
      retry();
    });
    this.ctx.store.watch('StorageClass', retry);
    return this;
  }

  /**
   * syncUnboundClaim (pv_controller.go): bind a matching volume; else wait for the first consumer (WaitForFirstConsumer),
   * or provision (provisionClaim), or, with no class at all, say that nothing can bind the claim.
   */
  reconcile(k: string): void {
    if (k.startsWith(VOLUME_KEY)) return this.syncVolume(k.slice(VOLUME_KEY.length));
    const pvc = this.get(k);
    if (!pvc) {
      this.told.delete(k);
      return this.reclaim(k);
    }
    if (isBound(pvc) || pvc.metadata.deletionTimestamp) return;
    const className = claimClass(this.ctx, pvc);
    const sc = className ? this.ctx.store.get('StorageClass', undefined, className) : undefined;
    const pv = this.matchingVolume(pvc, className ?? '');
    if (pv) return this.bind(pvc, pv);
    if (!className) return this.tell(k, pvc, 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    // findProvisionablePlugin: the class is read from the lister (its NotFound error is the event's message).
    if (!sc) return this.tell(k, pvc, 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, 'Warning');
    const node = pvc.metadata.annotations?.[SELECTED_NODE];
    if (str((sc as unknown as Record<string, unknown>).volumeBindingMode) === 'WaitForFirstConsumer' && !node) {
      return this.tell(k, pvc, 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    }
    const provisioner = str((sc as unknown as Record<string, unknown>).provisioner) ?? '';
    const external = externalProvisioner(provisioner);
    // A kubernetes.io/ name with no in-tree plugin behind it (kubernetes.io/no-provisioner, for local volumes): the claim
    // waits for a volume written by hand, and says why at each sync.
    if (external === null) return this.tell(k, pvc, 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`, 'Warning');
    // provisionClaimOperationExternal: the controller hands the claim to the external provisioner named by the class.
    this.tell(k, pvc, 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${external}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
    // Only kind's own provisioner runs in the simulated cluster; any other waits, as it would in kind, for a volume written by hand.
    if (external === KIND_PROVISIONER) this.provision(pvc, sc, node);
  }

  /** syncVolume (pv_controller.go): a new volume that no claim holds is `Available` (kube-apiserver stored it `Pending`). */
  private syncVolume(name: string): void {
    const pv = this.ctx.store.get('PersistentVolume', undefined, name);
    if (!pv || pv.metadata.deletionTimestamp || asVolume(pv).spec?.claimRef !== undefined || !unsynced(pv)) return;
    this.ctx.api.update(this.client(), { ...pv, status: { phase: 'Available' } });
  }

  /** Records why claim `k` waits, once per reason (the real controller repeats it at each 15 s sync; the event's count grows). */
  private tell(k: string, pvc: Stored, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    if (this.told.get(k) === reason) return;
    this.told.set(k, reason);
    this.ctx.emit(EVENT_SOURCE, this.client(), reason, refOf(pvc), message, type);
  }

  private matchingVolume(pvc: Stored, className: string): Stored | undefined {
    const want = size(asClaim(pvc).spec?.resources?.requests?.storage);
    const modes = (asClaim(pvc).spec?.accessModes ?? []).map((m) => String(m));
    const named = asClaim(pvc).spec?.volumeName;
    for (const pv of this.ctx.store.list('PersistentVolume')) {
      if (named && pv.metadata.name !== named) continue;
      if (asVolume(pv).status?.phase === 'Bound' || asVolume(pv).spec?.claimRef !== undefined) continue;
      if ((asVolume(pv).spec?.storageClassName ?? '') !== className) continue;
      const have = size(asVolume(pv).spec?.capacity?.storage);
      const pvModes = (asVolume(pv).spec?.accessModes ?? []).map((m) => String(m));
      if (have >= want && modes.every((m) => pvModes.includes(m))) return pv;
    }
    return undefined;
  }

  private provision(pvc: Stored, sc: Stored, node: string | undefined): void {
    const provisioner = str((sc as unknown as Record<string, unknown>).provisioner) ?? '';
    // The external provisioner's own events (sig-storage-lib-external-provisioner), under its name.
    const say = (reason: string, message: string): void => this.ctx.emit(provisioner, this.client(), reason, refOf(pvc), message);
    say('Provisioning', `External provisioner is provisioning volume for claim "${keyOf(pvc)}"`);
    const name = `pvc-${String(pvc.metadata.uid)}`;
    const pv: KubeObject = {
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': provisioner } },
      spec: {
        capacity: { storage: str(asClaim(pvc).spec?.resources?.requests?.storage) ?? '1Gi' }, // a Quantity may be a bare number
        accessModes: asClaim(pvc).spec?.accessModes ?? [], storageClassName: sc.metadata.name,
        persistentVolumeReclaimPolicy: str((sc as unknown as Record<string, unknown>).reclaimPolicy) ?? 'Delete',
        ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
      },
    } as KubeObject;
    const r = this.ctx.api.create(this.client(), pv);
    if (!r.ok) return;
    say('ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    this.bind(pvc, r.object);
  }

  /**
   * A deleted claim releases its volume, which is then reclaimed by its persistentVolumeReclaimPolicy
   * (pv_controller.go syncVolume → reclaimVolume; https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reclaiming):
   * `Retain` (the default of a volume written by hand) leaves it Released with its claimRef, so no other
   * claim binds it; `Delete` removes it, as the provisioner deletes its storage; `Recycle` (deprecated)
   * scrubs it and makes it Available again.
   */
  private reclaim(claimKey: string): void {
    for (const pv of this.ctx.store.list('PersistentVolume')) {
      const spec = asVolume(pv).spec;
      const ref = spec?.claimRef;
      if (!ref || `${ref.namespace ?? ''}/${ref.name ?? ''}` !== claimKey || asVolume(pv).status?.phase === 'Released') continue;
      const policy = spec?.persistentVolumeReclaimPolicy ?? 'Retain';
      if (policy === 'Delete') this.ctx.api.delete(this.client(), 'PersistentVolume', undefined, pv.metadata.name ?? '');
      else if (policy === 'Recycle') {
        const { claimRef: _gone, ...rest } = obj(pv.spec) ?? {};
        const r = this.ctx.api.update(this.client(), { ...pv, spec: rest, status: { phase: 'Available' } });
        if (r.ok) this.emit('VolumeRecycled', r.object, 'Volume recycled');
      } else this.ctx.api.update(this.client(), { ...pv, status: { phase: 'Released' } });
    }
  }

  private bind(pvc: Stored, pv: Stored): void {
    this.told.delete(keyOf(pvc));
    const claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid };
    this.ctx.api.update(this.client(), { ...pv, spec: { ...obj(pv.spec), claimRef }, status: { phase: 'Bound' } });
    this.ctx.api.update(this.client(), { ...pvc, spec: { ...obj(pvc.spec), volumeName: pv.metadata.name }, status: { phase: 'Bound', accessModes: asClaim(pvc).spec?.accessModes, capacity: asVolume(pv).spec?.capacity } });
  }
}

function size(q: unknown): number {
  const r = bytes(q ?? '0');
  return r.ok ? r.value : 0;
}
