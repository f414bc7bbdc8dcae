import { useCallback, useSyncExternalStore } from 'react';

/**
 * The learner's progress: which exercises of which chapter they ticked off. Kept in the browser's
 * localStorage only (no account, no server); every component on the page sees the same state.
 */
export type Progress = Record<string, string[]>;

export const STORAGE_KEY = 'lean-and-mean:progress:v1';
const EMPTY: Progress = {};
const listeners = new Set<() => void>();
let cachedRaw: string | null = null;
let cached: Progress = EMPTY;

function snapshot(): Progress {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return EMPTY; // storage disabled: progress simply is not kept
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      cached = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Progress) : EMPTY;
    } catch {
      cached = EMPTY;
    }
  }
  return cached;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function write(next: Progress): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // storage full or disabled: nothing to keep
  }
  listeners.forEach((listener) => listener());
}

export function useProgress(): {
  progress: Progress;
  setDone: (chapter: string, exercise: string, done: boolean) => void;
  resetChapter: (chapter: string) => void;
} {
  const progress = useSyncExternalStore(subscribe, snapshot, () => EMPTY);
  const setDone = useCallback((chapter: string, exercise: string, done: boolean) => {
    const current = snapshot();
    const ids = new Set(current[chapter] ?? []);
    if (done) ids.add(exercise);
    else ids.delete(exercise);
    write({ ...current, [chapter]: [...ids] });
  }, []);
  const resetChapter = useCallback((chapter: string) => {
    const { [chapter]: _removed, ...rest } = snapshot();
    write(rest);
  }, []);
  return { progress, setDone, resetChapter };
}
