import { describe, expect, it } from 'vitest';
import { dashboardLink, pairingOf, parseDashboardUrl } from '../src/panel/pairing';
import { KEPT_EVENTS, TabEvents } from '../src/panel/tabEvents';
import { captureTabId, tabFromQuery } from '../src/panel/tabs';
import { frameSummary, httpSummary } from './fixtures';

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('pairing from the pasted dashboard URL', () => {
  it('keeps the server origin and the token, whatever page and fragment the URL shows', () => {
    expect(parseDashboardUrl(`  http://127.0.0.1:7341/?token=${TOKEN}\n`)).toEqual({ server: 'http://127.0.0.1:7341', token: TOKEN });
    expect(parseDashboardUrl(`http://localhost:9000/?token=${TOKEN}#/live/42`)).toEqual({ server: 'http://localhost:9000', token: TOKEN });
  });

  it('refuses what is not a loopback dashboard URL with its token, saying what is wrong', () => {
    expect(() => parseDashboardUrl('dashboard')).toThrow("dashboard URL: 'dashboard' is not a URL");
    expect(() => parseDashboardUrl(`https://127.0.0.1:7341/?token=${TOKEN}`)).toThrow("'https:' is not http:");
    expect(() => parseDashboardUrl(`http://evil.example:7341/?token=${TOKEN}`)).toThrow("host 'evil.example' is not 127.0.0.1 or localhost");
    expect(() => parseDashboardUrl('http://127.0.0.1:7341/')).toThrow('it has no ?token=');
    expect(() => parseDashboardUrl('http://127.0.0.1:7341/?token=abc')).toThrow('not 32 to 128 lowercase hex digits');
  });

  it('reads a stored pairing back, and takes nothing damaged for one', () => {
    expect(pairingOf({ server: 'http://127.0.0.1:7341', token: TOKEN })).toEqual({ server: 'http://127.0.0.1:7341', token: TOKEN });
    expect(pairingOf(undefined)).toBeNull();
    expect(pairingOf({ server: 'http://127.0.0.1:7341' })).toBeNull();
    expect(pairingOf({ server: 'http://attacker.example', token: TOKEN })).toBeNull();
  });

  it('opens a dashboard page with the token, which the server trades for its cookie', () => {
    expect(dashboardLink({ server: 'http://127.0.0.1:7341', token: TOKEN }, '/live/42')).toBe(
      `http://127.0.0.1:7341/?token=${TOKEN}#/live/42`,
    );
  });
});

describe('the capture tab of the extension tab', () => {
  const targets = [
    { id: 'SW-1', type: 'worker', url: 'https://a.example/sw.js' },
    { id: 'EXT-BG', type: 'background_page', tabId: 3, url: 'chrome-extension://x/bg.html' },
    { id: 'TARGET-A', type: 'page', tabId: 3, url: 'https://a.example/' },
    { id: 'TARGET-B', type: 'page', tabId: 4, url: 'https://b.example/' },
  ];

  it('is the page target Chrome lists with that tab id', () => {
    expect(captureTabId(targets, 3)).toBe('TARGET-A');
    expect(captureTabId(targets, 4)).toBe('TARGET-B');
  });

  it('is unknown for a tab the browser lists no page for', () => {
    expect(captureTabId(targets, 5)).toBeNull();
    expect(captureTabId([], 3)).toBeNull();
  });

  it('is named in the address of a panel opened as a page, and only by a tab number', () => {
    expect(tabFromQuery('?tab=17')).toBe(17);
    expect(tabFromQuery('')).toBeNull();
    expect(tabFromQuery('?tab=abc')).toBeNull();
    expect(tabFromQuery('?tab=-1')).toBeNull();
  });
});

describe('the events of a tab', () => {
  it('counts each event once though the stored page and the feed overlap, with their bytes', () => {
    const events = new TabEvents();
    events.add(httpSummary(1));
    events.add(frameSummary(2));
    events.add(frameSummary(2));
    const snapshot = events.snapshot();
    expect(snapshot.count).toBe(2);
    expect(snapshot.bytes).toBe(25);
    expect(snapshot.rows.map((r) => r.seq)).toEqual([2, 1]);
  });

  it('counts the events each configured stream takes, those that took none too', () => {
    const events = new TabEvents();
    events.add(httpSummary(1), ['orders', 'all']);
    events.add(httpSummary(2), ['all']);
    events.add(httpSummary(3), ['orders', 'all']);
    events.setConfigured(['orders', 'all', 'frames']);
    const snapshot = events.snapshot();
    expect([...snapshot.streams]).toEqual([['all', 3], ['frames', 0], ['orders', 2]]);
    expect(snapshot.rows.find((r) => r.seq === 3)?.streams).toEqual(['orders', 'all']);
  });

  it('routes the events seen again as an edited config does', () => {
    const events = new TabEvents();
    events.add(httpSummary(1), ['orders']);
    events.add(httpSummary(2));
    events.setConfigured(['all']);
    events.reroute({ '1': ['all'], '2': ['all'], '99': ['all'] });
    const snapshot = events.snapshot();
    expect([...snapshot.streams]).toEqual([['all', 2]]);
    expect(snapshot.rows.map((r) => r.streams)).toEqual([['all'], ['all']]);
  });

  it('keeps the newest events and counts them all', () => {
    const events = new TabEvents();
    for (let seq = 1; seq <= KEPT_EVENTS + 5; seq++) events.add(frameSummary(seq));
    const snapshot = events.snapshot();
    expect(snapshot.count).toBe(KEPT_EVENTS + 5);
    expect(snapshot.rows).toHaveLength(KEPT_EVENTS);
    expect(snapshot.rows[snapshot.rows.length - 1].seq).toBe(6);
  });
});
