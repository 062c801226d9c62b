/**
 * Autosave: a few seconds after the scene last changed, its JSON goes to the host (the user-data
 * folder in Electron, IndexedDB in the browser). Debounced so a threshold drag writes once, not
 * per frame; the clock is injectable so tests need no real sleeps.
 */
import { autosaveText } from '../../shared/scene';
import type { AppStore } from '../store';

export const AUTOSAVE_DELAY_MS = 3000;

export interface AutosaveClock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: AutosaveClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AutosaveHandle {
  /** Writes a pending change now (e.g. before a planned quit). */
  flush(): Promise<void>;
  stop(): void;
}

export function startAutosave(store: AppStore, write: (json: string) => Promise<void>, options: { delayMs?: number; clock?: AutosaveClock; onError?: (message: string) => void } = {}): AutosaveHandle {
  const delay = options.delayMs ?? AUTOSAVE_DELAY_MS;
  const clock = options.clock ?? realClock;
  let timer: unknown = null;
  let writing: Promise<void> = Promise.resolve();
  let reported = false;

  const save = (): Promise<void> => {
    timer = null;
    const text = autosaveText(store.getState().scene, clock.now());
    // One write at a time, in order: a slow disk never lets an older scene land last.
    writing = writing.then(() =>
      write(text).then(
        () => {
          reported = false;
        },
        (err: unknown) => {
          // Said once per failure run, not on every change.
          if (!reported) options.onError?.(`Autosave failed: ${err instanceof Error ? err.message : String(err)}`);
          reported = true;
        },
      ),
    );
    return writing;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.scene === prev.scene) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void save(), delay);
  });

  return {
    flush: () => (timer !== null ? (clock.clearTimeout(timer), save()) : writing),
    stop: () => {
      unsubscribe();
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
