// A page that lists what the config file names reads it again after each read of the figures, and
// shows the figures once it has, so an edit made in another editor, another tab or by the CLI shows
// without the page being opened again. After, not beside: the pipeline reloads a file only once it
// has changed, so a config read after the figures names every stream and output those figures
// report, and one just added is never shown, even for a moment, as one the file does not name.

/**
 * Reads the config and hands it on; keeps the one held while its version (the file's digest) is
 * unchanged, so the page draws nothing anew for nothing. A failed read keeps what is shown: the
 * next one may succeed.
 */
export function readConfigAgain<T extends { version: string }>(
  read: () => Promise<T>,
  set: (update: (held: T | null) => T | null) => void,
): Promise<void> {
  return read().then(
    (read) => set((held) => (held?.version === read.version ? held : read)),
    () => undefined,
  );
}
