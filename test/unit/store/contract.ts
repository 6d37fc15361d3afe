import { isAppError } from '../../../bot/domain/errors';
import type { StateStore } from '../../../bot/ports/state-store';

/** A fresh, empty store for each test. */
export type StoreFactory = () => Promise<StateStore> | StateStore;

const settle = async (promises: Array<Promise<string>>) => {
  const results = await Promise.allSettled(promises);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return { won, lost };
};

const increment = async (store: StateStore) => {
  for (;;) {
    const current = await store.get<{ n: number }>('counter.json');
    try {
      await store.put('counter.json', { n: current!.value.n + 1 }, { version: current!.version });
      return;
    } catch (error) {
      if (!isAppError(error, 'STATE_CONFLICT')) throw error;
    }
  }
};

const expectConflict = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error, 'STATE_CONFLICT')).toBe(true);
};

export interface ContractOptions {
  /**
   * Whether the backend serialises concurrent conditional writes (real S3, the file store, memory).
   * moto 5.2.5 checks If-None-Match / If-Match and then writes without a lock, so under concurrency
   * two writers can both pass the check: for it the concurrency tests assert only what it guarantees.
   */
  atomicConditionalWrites?: boolean;
}

/** The one StateStore contract every adapter (and the in-memory fake) must pass. */
export function stateStoreContract(name: string, factory: StoreFactory, options: ContractOptions = {}): void {
  const atomic = options.atomicConditionalWrites ?? true;
  describe(`StateStore contract: ${name}`, () => {
    let store: StateStore;
    beforeEach(async () => {
      store = await factory();
    });

    test('a missing key reads as undefined', async () => {
      expect(await store.get('nothing/here.json')).toBeUndefined();
    });

    test('put then get round-trips JSON, with the version put returned', async () => {
      const value = { text: 'héllo ✓ 🚀', n: 42, list: [1, null, { deep: true }], empty: {} };
      const version = await store.put('a/b.json', value);
      expect(typeof version).toBe('string');
      expect(version.length).toBeGreaterThan(0);
      expect(await store.get('a/b.json')).toEqual({ value, version });
    });

    test("'absent' creates once, then conflicts", async () => {
      await store.put('k.json', { n: 1 }, 'absent');
      await expectConflict(store.put('k.json', { n: 2 }, 'absent'));
      expect((await store.get<{ n: number }>('k.json'))?.value.n).toBe(1);
    });

    test('a matching version replaces; a stale one conflicts', async () => {
      const v1 = await store.put('k.json', { n: 1 });
      const v2 = await store.put('k.json', { n: 2 }, { version: v1 });
      expect(v2).not.toBe(v1);
      await expectConflict(store.put('k.json', { n: 3 }, { version: v1 }));
      expect(await store.get('k.json')).toEqual({ value: { n: 2 }, version: v2 });
    });

    test('rewriting the same value still changes the version (no ABA)', async () => {
      const v1 = await store.put('same.json', { n: 1 });
      const v2 = await store.put('same.json', { n: 1 }, { version: v1 });
      expect(v2).not.toBe(v1);
      await expectConflict(store.put('same.json', { n: 9 }, { version: v1 }));
    });

    test('a version condition on a missing key conflicts', async () => {
      const v1 = await store.put('gone.json', { n: 1 });
      await store.delete('gone.json');
      await expectConflict(store.put('gone.json', { n: 2 }, { version: v1 }));
      expect(await store.get('gone.json')).toBeUndefined();
    });

    test('list returns the keys under a prefix, sorted ascending', async () => {
      for (const key of ['p/b.json', 'p/a.json', 'p/sub/c.json', 'p/a2.json', 'pq/x.json', 'other.json'])
        await store.put(key, { key });
      expect(await store.list('p/')).toEqual(['p/a.json', 'p/a2.json', 'p/b.json', 'p/sub/c.json']);
      expect(await store.list('p/a')).toEqual(['p/a.json', 'p/a2.json']);
      expect(await store.list('p/sub/')).toEqual(['p/sub/c.json']);
      expect(await store.list('none/')).toEqual([]);
    });

    test('delete removes the key; deleting a missing key is fine', async () => {
      await store.put('d/x.json', 1);
      await store.put('d/y.json', 2);
      await store.delete('d/x.json');
      await store.delete('d/never.json');
      expect(await store.get('d/x.json')).toBeUndefined();
      expect(await store.list('d/')).toEqual(['d/y.json']);
      await store.put('d/x.json', 3, 'absent');
      expect((await store.get('d/x.json'))?.value).toBe(3);
    });

    test('keys that could escape or hide are refused with BAD_INPUT', async () => {
      for (const key of ['../x.json', '/abs.json', 'a/../../b', 'a//b', '', '.hidden', 'a/./b', 'a\\b', 'a/'])
        await expect(store.put(key, 1)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(store.get('../etc/passwd')).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(store.list('../')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    });

    if (atomic) {
      test('20 concurrent writes on the same version: exactly one wins', async () => {
        const v0 = await store.put('race.json', { winner: 'none' });
        const { won, lost } = await settle(
          Array.from({ length: 20 }, (_, i) => store.put('race.json', { winner: i }, { version: v0 })),
        );
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const l of lost) expect(isAppError(l.reason, 'STATE_CONFLICT')).toBe(true);
        const final = await store.get<{ winner: number }>('race.json');
        expect(final?.version).toBe((won[0] as PromiseFulfilledResult<string>).value);
      });

      test("20 concurrent 'absent' creates: exactly one wins", async () => {
        const { won, lost } = await settle(
          Array.from({ length: 20 }, (_, i) => store.put('create.json', { creator: i }, 'absent')),
        );
        expect(won).toHaveLength(1);
        for (const l of lost) expect(isAppError(l.reason, 'STATE_CONFLICT')).toBe(true);
      });

      test('read-modify-write with retries loses no increment (8 workers x 5)', async () => {
        await store.put('counter.json', { n: 0 });
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let i = 0; i < 5; i++) await increment(store);
          }),
        );
        expect((await store.get<{ n: number }>('counter.json'))?.value.n).toBe(40);
      });
    } else {
      test('concurrent conditional writes (not serialised by this backend): each wins or conflicts, one value stays', async () => {
        const v0 = await store.put('race.json', { winner: -1 });
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.put('race.json', { winner: i }, { version: v0 })),
        );
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(winners.length).toBeGreaterThanOrEqual(1);
        for (const r of results)
          if (r.status === 'rejected') expect(isAppError(r.reason, 'STATE_CONFLICT')).toBe(true);
        expect(winners).toContain((await store.get<{ winner: number }>('race.json'))?.value.winner);
        await expectConflict(store.put('race.json', { winner: 99 }, { version: v0 }));
      });

      test("concurrent 'absent' creates (not serialised by this backend): each wins or conflicts; later ones conflict", async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.put('create.json', { creator: i }, 'absent')),
        );
        expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
        for (const r of results)
          if (r.status === 'rejected') expect(isAppError(r.reason, 'STATE_CONFLICT')).toBe(true);
        await expectConflict(store.put('create.json', { creator: 99 }, 'absent'));
      });
    }
  });
}
