import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A page whose code is loaded the first time it is shown, so that the live events, which every
 * visit opens, do not wait for the code of pages (and libraries) a visit may never open.
 */
export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | null = null;
  return function LazyPage() {
    const [Page, setPage] = useState<ComponentType | null>(() => loaded);
    const [problem, setProblem] = useState<string | null>(null);
    useEffect(() => {
      if (Page) return;
      load().then(
        (p) => {
          loaded = p;
          setPage(() => p);
        },
        (e: unknown) => setProblem(`could not load the page: ${e instanceof Error ? e.message : String(e)}; reload to try again`),
      );
    }, []);
    if (problem) return <div class="banner banner-error" role="alert">{problem}</div>;
    return Page ? <Page /> : <div class="loading">Loading…</div>;
  };
}
