import {
  ApiError,
  type EventsPage,
  type EventSummary,
  type Feed,
  type FeedHandlers,
  type FeedSubscribe,
  feedOver,
  type HarDownload,
  harOf,
  refusalReason,
  UNMATCHED_STREAM,
} from '../api';
import type { Pairing } from './pairing';
import { KEPT_EVENTS } from './tabEvents';

/**
 * The local server's API as the panel calls it: from the extension's origin, which the server
 * allows, with the token as a bearer (the dashboard's cookie is not the extension's).
 */
export class PanelApi {
  constructor(private readonly pairing: Pairing) {}

  private async send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    try {
      return await fetch(`${this.pairing.server}${path}`, {
        ...init,
        headers: { Accept: 'application/json', Authorization: `Bearer ${this.pairing.token}`, ...init.headers },
        credentials: 'omit',
      });
    } catch {
      throw new ApiError(0, `DataSipper does not answer at ${this.pairing.server}: is it running?`);
    }
  }

  private async get<T>(path: string): Promise<T> {
    const res = await this.send(path);
    if (!res.ok) throw new ApiError(res.status, await refusalReason(res));
    return (await res.json()) as T;
  }

  /** The summaries of the tab's newest stored events, with the streams that take each. */
  tabEvents(tab: string): Promise<EventsPage<EventSummary>> {
    const params = new URLSearchParams({
      tab,
      order: 'newest',
      limit: String(KEPT_EVENTS),
      with_streams: 'true',
      summary: 'true',
    });
    return this.get<EventsPage<EventSummary>>(`/api/events?${params.toString()}`);
  }

  /** The seq of the newest stored event of any tab; 0 when none is stored. */
  async newestSeq(): Promise<number> {
    const page = await this.get<EventsPage<EventSummary>>('/api/events?order=newest&limit=1&summary=true');
    return page.events.length > 0 ? page.events[0].seq : 0;
  }

  /** The names of the config's streams. */
  async streamNames(): Promise<string[]> {
    const stats = await this.get<{ streams: Record<string, unknown> | null }>('/api/stats');
    return Object.keys(stats.streams ?? {}).filter((name) => name !== UNMATCHED_STREAM); // not a stream to show
  }

  /** The stored events of `seqs` as a HAR 1.2 file, as the dashboard's Download HAR makes one. */
  async har(seqs: readonly number[]): Promise<HarDownload> {
    return harOf(await this.send('/api/har', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ seqs }),
    }));
  }

  /**
   * The live feed. A browser's WebSocket sends no Authorization header: the token goes as a
   * subprotocol beside `datasipper`, which the server answers with.
   */
  openFeed(subscribe: FeedSubscribe, handlers: FeedHandlers): Feed {
    const url = `${this.pairing.server.replace(/^http/, 'ws')}/api/feed`;
    return feedOver(new WebSocket(url, ['datasipper', `datasipper.token.${this.pairing.token}`]), subscribe, handlers);
  }
}
