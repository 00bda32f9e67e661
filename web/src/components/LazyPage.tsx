import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A page whose code is fetched when it is first shown, so that the first load (the live events)
 * does not carry the pages the user may never open.
 */
export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | null = null;
  return function LazyPage() {
    const [page, setPage] = useState<ComponentType | null>(() => loaded);
    const [problem, setProblem] = useState<string | null>(null);
    useEffect(() => {
      if (loaded) return;
      load().then(
        (component) => {
          loaded = component;
          setPage(() => component);
        },
        (e: unknown) => setProblem(`the page could not load: ${String(e instanceof Error ? e.message : e)}; reload to try again`),
      );
    }, []);
    if (problem) return <div class="banner banner-error" role="alert">{problem}</div>;
    if (!page) return <div class="loading">Loading…</div>;
    const Page = page;
    return <Page />;
  };
}
