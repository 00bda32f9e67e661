import { type Pairing, pairingOf } from './pairing';

const KEY = 'pairing';
/**
 * The pairing DataSipper writes beside the extension when it starts the browser with it (sip and
 * demo --headed): that browser's panel pairs with the run that started it, with nothing to paste.
 * Only the extension's own pages can read its files (it lists no web-accessible resources).
 */
const RUN_PAIRING = '/pairing.json';

/** The run's pairing if DataSipper wrote one, else the one the user pasted, else null. */
export async function loadPairing(): Promise<Pairing | null> {
  try {
    const res = await fetch(RUN_PAIRING, { cache: 'no-store' });
    if (res.ok) {
      const pairing = pairingOf(await res.json());
      if (pairing) return pairing;
    }
  } catch {
    // no such file: the extension was loaded by the user, not by DataSipper
  }
  const stored = await chrome.storage.local.get(KEY);
  return pairingOf(stored[KEY]);
}

/** Keeps a pasted pairing in chrome.storage, for every panel and every start of the browser. */
export function savePairing(pairing: Pairing): Promise<void> {
  return chrome.storage.local.set({ [KEY]: pairing });
}
