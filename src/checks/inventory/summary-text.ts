/** How reasons name long lists: the first few, then how many more. */
export function listSome(labels: readonly string[], shown = 10): string {
  if (labels.length <= shown) return labels.join(', ');
  return `${labels.slice(0, shown).join(', ')} and ${labels.length - shown} more`;
}

/** `1 item`, `3 items`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
