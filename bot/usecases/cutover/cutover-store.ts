import { AppError, isAppError } from '../../domain/errors';
import type { StateStore } from '../../ports/state-store';
import type { Cutover } from './cutover-types';

const keyOf = (id: string) => `cutovers/runs/${id}.json`;
const activeKey = (profile: string) => `cutovers/active/${profile}.json`;
const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_ATTEMPTS = 8;

/**
 * Cutovers in the state store (the same one as approvals): every change is a compare-and-set on the
 * cutover's version, and `cutovers/active/<profile>.json`, written only if absent, lets one cutover
 * per profile run at a time, across replicas.
 */
export class CutoverStore {
  constructor(private readonly store: StateStore) {}

  async create(cutover: Cutover): Promise<void> {
    try {
      await this.store.put(activeKey(cutover.profile), { id: cutover.id }, 'absent');
    } catch (error) {
      if (!isAppError(error, 'STATE_CONFLICT')) throw error;
      const other = await this.active(cutover.profile);
      throw new AppError(
        'STATE_CONFLICT',
        `A cutover of profile ${cutover.profile} is already running${other ? ` (${other.id}, started by ${other.requester})` : ''}.`,
        'Only one cutover per profile at a time: finish or abort it first (`/mm2 cutover status`).',
      );
    }
    await this.store.put(keyOf(cutover.id), cutover, 'absent');
  }

  async get(id: string): Promise<Cutover | undefined> {
    if (!VALID_ID.test(id)) return undefined;
    return (await this.store.get<Cutover>(keyOf(id)))?.value;
  }

  async active(profile: string): Promise<Cutover | undefined> {
    const pointer = await this.store.get<{ id: string }>(activeKey(profile));
    return pointer ? this.get(pointer.value.id) : undefined;
  }

  /** The newest cutover of a profile, running or not (ids sort by creation time). */
  async latest(profile: string): Promise<Cutover | undefined> {
    const keys = await this.store.list('cutovers/runs/');
    for (const key of keys.reverse()) {
      const found = (await this.store.get<Cutover>(key))?.value;
      if (found?.profile === profile) return found;
    }
    return undefined;
  }

  async release(profile: string, id: string): Promise<void> {
    const pointer = await this.store.get<{ id: string }>(activeKey(profile));
    if (pointer?.value.id === id) await this.store.delete(activeKey(profile));
  }

  /**
   * Read-modify-write with compare-and-set. `change` returns the next state, or `undefined` to leave it;
   * it may be called again when another writer got there first, so it must only look at its argument.
   */
  async update(id: string, change: (current: Cutover) => Cutover | undefined): Promise<Cutover> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = VALID_ID.test(id) ? await this.store.get<Cutover>(keyOf(id)) : undefined;
      if (!current)
        throw new AppError('NOT_FOUND', `There is no cutover ${id}.`, 'See `/mm2 cutover status`.');
      const next = change(structuredClone(current.value));
      if (!next) return current.value;
      try {
        await this.store.put(keyOf(id), next, { version: current.version });
        return next;
      } catch (error) {
        if (!isAppError(error, 'STATE_CONFLICT')) throw error;
      }
    }
    throw new AppError('STATE_CONFLICT', `Cutover ${id} kept changing.`, 'Try again.');
  }
}
