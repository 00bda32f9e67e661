import { useState } from 'preact/hooks';
import type { HarDownload } from '../api';
import { saveBlob } from '../logic/download';
import { harShortfall } from '../logic/har';

export interface HarDownloadState {
  /** Whether a HAR file is being made. */
  downloading: boolean;
  /** What the saved file lacks of the events shown, or why none was saved; null when all went well. */
  note: string | null;
  /** Asks for the HAR of `seqs` through `request` (the dashboard's cookie or the panel's token), saves it and sets the note. */
  download(seqs: readonly number[], request: (seqs: readonly number[]) => Promise<HarDownload>): void;
}

/** The dashboard's and the side panel's Download HAR: the events shown, saved under the server's name. */
export function useHarDownload(): HarDownloadState {
  const [downloading, setDownloading] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const download: HarDownloadState['download'] = (seqs, request) => {
    setDownloading(true);
    setNote(null);
    request(seqs)
      .then((har) => {
        saveBlob(har.blob, har.fileName);
        setNote(harShortfall(har.fileName, seqs.length, har.missing, har.unreadable));
      })
      .catch((e: unknown) => setNote(`could not download the HAR: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setDownloading(false));
  };
  return { downloading, note, download };
}
