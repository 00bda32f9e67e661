/** What a downloaded HAR lacks of the events shown, in a sentence; null when it holds them all. */
export function harShortfall(fileName: string, shown: number, missing: number, unreadable: number): string | null {
  if (missing + unreadable === 0) return null;
  const why = [
    missing > 0 ? `${missing.toLocaleString('en')} not in the store (not written yet, or removed by retention)` : '',
    unreadable > 0 ? `${unreadable.toLocaleString('en')} stored but unreadable` : '',
  ].filter((part) => part !== '');
  return `${fileName} holds ${(shown - missing - unreadable).toLocaleString('en')} of the ${shown.toLocaleString('en')} events shown: ${why.join(', ')}.`;
}
