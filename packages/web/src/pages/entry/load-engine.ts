/** Loads the EN 16931 engine on demand; the promise is shared by every caller. */
import { useEffect, useState } from 'react';

export type Engine = typeof import('./engine');

let loading: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine').catch((error: unknown) => {
    loading = undefined; // a failed load (network) is tried again next time
    throw error;
  });
  return loading;
}

/** The engine once loaded (undefined meanwhile, or if it could not be loaded). */
export function useEngine(): Engine | undefined {
  const [engine, setEngine] = useState<Engine>();
  useEffect(() => {
    let live = true;
    loadEngine().then(
      (e) => live && setEngine(e),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return engine;
}
