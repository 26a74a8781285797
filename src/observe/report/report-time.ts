/** Times and durations as the evidence report writes them: UTC, with the zone always shown. */

/** `2026-12-01 08:30:05 UTC` (seconds left out when they are zero, for readability). */
export function utc(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const text = new Date(time).toISOString();
  const seconds = text.slice(17, 19);
  return `${text.slice(0, 10)} ${text.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}

/** A span of minutes in words: `45 min`, `3 h 05 min`, `2 d 4 h`. */
export function minutesWords(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const whole = Math.round(minutes);
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const rest = whole % 60;
  if (days > 0) return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
  return `${hours} h ${String(rest).padStart(2, '0')} min`;
}
