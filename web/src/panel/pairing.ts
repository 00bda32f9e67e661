// Pairing: the panel keeps the address of a running DataSipper and its token, read from the
// dashboard URL the command printed (http://127.0.0.1:PORT/?token=HEX).

/** A running DataSipper the panel talks to. */
export interface Pairing {
  /** The server's origin, e.g. http://127.0.0.1:7341. */
  server: string;
  token: string;
}

/** The server's own rule: 128 bits or more, as lowercase hex (ServerSettings.TOKEN). */
const TOKEN = /^[0-9a-f]{32,128}$/;
const LOOPBACK = ['127.0.0.1', 'localhost'];

/**
 * The pairing a pasted dashboard URL gives, or throws an Error that says what is wrong with it.
 * Only loopback addresses are taken: the server listens there alone, and the panel must never send
 * the token anywhere else.
 */
export function parseDashboardUrl(text: string): Pairing {
  const input = text.trim();
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error(`dashboard URL: '${input}' is not a URL; paste the whole line the command printed, e.g. http://127.0.0.1:7341/?token=…`);
  }
  if (url.protocol !== 'http:') {
    throw new Error(`dashboard URL: '${url.protocol}' is not http:, DataSipper serves plain http on 127.0.0.1`);
  }
  if (!LOOPBACK.includes(url.hostname)) {
    throw new Error(`dashboard URL: host '${url.hostname}' is not 127.0.0.1 or localhost, where DataSipper serves`);
  }
  const token = url.searchParams.get('token');
  if (token === null) {
    throw new Error('dashboard URL: it has no ?token=; paste the URL with its token, as the command printed it');
  }
  if (!TOKEN.test(token)) {
    throw new Error('dashboard URL: its token is not 32 to 128 lowercase hex digits; paste the URL as the command printed it');
  }
  return { server: url.origin, token };
}

/** A stored pairing read back, or null when what is stored is not one (never paired, or damaged). */
export function pairingOf(stored: unknown): Pairing | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { server, token } = stored as Record<string, unknown>;
  if (typeof server !== 'string' || typeof token !== 'string') return null;
  try {
    return parseDashboardUrl(`${server}/?token=${token}`);
  } catch {
    return null;
  }
}

/**
 * The dashboard address that opens a page there, with the token: the server trades it for its
 * cookie and sends the browser on to the same page without it (the fragment is kept).
 */
export function dashboardLink(pairing: Pairing, fragment: string): string {
  return `${pairing.server}/?token=${pairing.token}#${fragment}`;
}
