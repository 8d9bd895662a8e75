/** Display formatting shared by stores and pages. Times are shown in the viewer's local time zone. */

const numberFormat = new Intl.NumberFormat('en-US');
const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : numberFormat.format(value);
}

export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Math.abs(value) < 10_000 ? numberFormat.format(Math.round(value)) : compactFormat.format(value);
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return '0%';
  const percent = (part / whole) * 100;
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** `HH:MM` (24 h) in local time. */
export function formatClock(time: number | string): string {
  const date = new Date(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `HH:MM:SS.mmm` for log lines. */
export function formatLogTime(time: number): string {
  const date = new Date(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** `2026-11-23 14:05` in local time. */
export function formatDateTime(time: number | string): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatClock(date.getTime())}`;
}

/** Words for times and durations; `language` is the dashboard's (i18n) language, English by default. */
const UNITS = {
  en: { s: ' s', min: ' min', h: ' h', days: (n: number) => ` day${n === 1 ? '' : 's'}`, justNow: 'just now', moment: 'in a moment', ago: (text: string) => `${text} ago`, in: (text: string) => `in ${text}`, sep: ' ' },
  zh: { s: ' 秒', min: ' 分钟', h: ' 小时', days: () => ' 天', justNow: '刚刚', moment: '马上', ago: (text: string) => `${text}前`, in: (text: string) => `${text}后`, sep: ' ' },
};
const units = (language?: string) => (language?.startsWith('zh') ? UNITS.zh : UNITS.en);

/** "just now", "5 min ago", "3 h ago", "2 days ago" (刚刚, 5 分钟前 … in Chinese). */
export function formatRelative(time: number | string, now: number, language?: string): string {
  const words = units(language);
  const seconds = Math.round((now - new Date(time).getTime()) / 1000);
  if (seconds < 45) return words.justNow;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return words.ago(`${minutes}${words.min}`);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return words.ago(`${hours}${words.h}`);
  const days = Math.round(hours / 24);
  return words.ago(`${days}${words.days(days)}`);
}

/** 95 → "1 min 35 s", 7300 → "2 h 1 min" ("1 分钟 35 秒" in Chinese). */
export function formatDuration(totalSeconds: number, language?: string): string {
  const words = units(language);
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds}${words.s}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}${words.min}${seconds % 60 ? `${words.sep}${seconds % 60}${words.s}` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}${words.h}${minutes % 60 ? `${words.sep}${minutes % 60}${words.min}` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days}${language?.startsWith('zh') ? words.days(days) : ' days'}`;
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)} s` : `${Math.round(value)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** A moment near `now` in few words: "14:20" today, "tomorrow 09:00", "Fri 14:20" this week, else the date ("明天 09:00", "周五 14:20" in Chinese). */
export function formatMoment(time: number | string, now: number, language?: string): string {
  const zh = language?.startsWith('zh') ?? false;
  const date = new Date(time);
  const day = (value: Date) => new Date(value.getFullYear(), value.getMonth(), value.getDate()).getTime();
  const days = Math.round((day(date) - day(new Date(now))) / 86_400_000);
  const clock = formatClock(date.getTime());
  if (days === 0) return clock;
  if (days === 1) return `${zh ? '明天' : 'tomorrow'} ${clock}`;
  if (days === -1) return `${zh ? '昨天' : 'yesterday'} ${clock}`;
  if (days > 1 && days < 7) return `${(zh ? WEEKDAYS_ZH : WEEKDAYS)[date.getDay()]} ${clock}`;
  return formatDateTime(date.getTime());
}

/** "in 3 h 5 min" / "5 min ago" for a time after / before `now`. */
export function formatFromNow(time: number | string, now: number, language?: string): string {
  const words = units(language);
  const delta = (new Date(time).getTime() - now) / 1000;
  if (Math.abs(delta) < 45) return delta >= 0 ? words.moment : words.justNow;
  // Seconds only matter in the first minutes.
  const rounded = Math.abs(delta) > 90 ? Math.round(Math.abs(delta) / 60) * 60 : Math.abs(delta);
  return delta > 0 ? words.in(formatDuration(rounded, language)) : words.ago(formatDuration(rounded, language));
}

/**
 * A config error's text without its leading `path:line:column: ` location, for places that show the line and
 * column in words already ("Line 31, column 16: …" instead of "Line 31, column 16: …/config.yaml:31:16: …").
 */
export function withoutLocation(message: string): string {
  return message.replace(/^.*?:\d+:\d+: /, '');
}

/**
 * A client key as usage records name it, shown like every other key in the app (`sk-c…abcd`, the proxy's
 * maskSecret form): the `#hash` the proxy adds to tell keys apart is shown only when two keys mask alike.
 */
export function clientKeyLabel(label: string, others: readonly string[] = []): string {
  if (label === '' || label === 'local') return 'No key (this computer)';
  if (label === 'diagnostics') return "Diagnostics (the proxy's own checks)";
  const hash = label.lastIndexOf('#');
  if (hash <= 0) return label;
  const masked = label.slice(0, hash);
  const twin = others.some((other) => other !== label && other.lastIndexOf('#') > 0 && other.slice(0, other.lastIndexOf('#')) === masked);
  return twin ? `${masked} (#${label.slice(hash + 1)})` : masked;
}

/** `$0.0123`: estimated costs are small, so cents get more digits; null/undefined is a dash. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value === 0) return '$0';
  if (value < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}
