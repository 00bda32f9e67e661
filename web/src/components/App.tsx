import { useEffect, useState } from 'preact/hooks';
import { pageOf } from '../logic/route';
import { type Connection, LivePage } from '../pages/LivePage';
import { PAGES } from '../pages/pages';

const LIVE = { id: 'live', title: 'Live events' };

function currentPage(): string {
  return pageOf(location.hash, [LIVE.id, ...PAGES.map((p) => p.id)]);
}

/** The dashboard: the navigation, the live events (always running) and the page chosen. */
export function App() {
  const [page, setPage] = useState(currentPage);
  const [connection, setConnection] = useState<Connection>('connecting');

  useEffect(() => {
    const follow = () => setPage(currentPage());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const other = PAGES.find((p) => p.id === page);
  return (
    <div class="app">
      <header class="top">
        <h1>DataSipper</h1>
        <nav class="pages" aria-label="pages">
          {[LIVE, ...PAGES].map((p) => (
            <a key={p.id} href={`#/${p.id}`} class={p.id === page ? 'current' : undefined} data-testid={`nav-${p.id}`}
              aria-current={p.id === page ? 'page' : undefined}>
              {p.title}
            </a>
          ))}
        </nav>
        <span class={`connection connection-${connection}`} data-testid="connection">
          {connection}
        </span>
      </header>
      <div class="page-slot" hidden={page !== LIVE.id}>
        <LivePage onConnection={setConnection} />
      </div>
      {other && (
        <div class="page-slot" data-testid={`page-${other.id}`}>
          <other.component />
        </div>
      )}
    </div>
  );
}
