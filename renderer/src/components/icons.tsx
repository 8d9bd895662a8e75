import type { ReactElement } from 'react';

/** Small stroke icons drawn for this app (20×20 grid, currentColor). */
const PATHS: Record<string, ReactElement> = {
  overview: (
    <>
      <rect x="3" y="3" width="6" height="6" rx="1.5" />
      <rect x="11" y="3" width="6" height="6" rx="1.5" />
      <rect x="3" y="11" width="6" height="6" rx="1.5" />
      <rect x="11" y="11" width="6" height="6" rx="1.5" />
    </>
  ),
  accounts: (
    <>
      <circle cx="10" cy="7" r="3.2" />
      <path d="M3.5 17c.8-3.2 3.4-5 6.5-5s5.7 1.8 6.5 5" />
    </>
  ),
  models: (
    <>
      <path d="M10 2.8 16.5 6.4v7.2L10 17.2 3.5 13.6V6.4Z" />
      <path d="M3.8 6.6 10 10l6.2-3.4M10 10v7" />
    </>
  ),
  usage: (
    <>
      <path d="M3 17h14" />
      <rect x="4.5" y="10" width="2.6" height="5" rx=".6" />
      <rect x="8.7" y="6" width="2.6" height="9" rx=".6" />
      <rect x="12.9" y="3" width="2.6" height="12" rx=".6" />
    </>
  ),
  logs: (
    <>
      <rect x="2.8" y="3.5" width="14.4" height="13" rx="2" />
      <path d="m6 8 2.2 2L6 12M10 12.5h4" />
    </>
  ),
  troubleshooting: (
    <>
      <path d="M10 2.8 16.2 5v4.6c0 3.7-2.6 6.4-6.2 7.6-3.6-1.2-6.2-3.9-6.2-7.6V5Z" />
      <path d="m7.3 10 1.9 1.9 3.6-3.8" />
    </>
  ),
  settings: (
    <>
      <circle cx="10" cy="10" r="2.6" />
      <path d="M10 2.5v2.2M10 15.3v2.2M17.5 10h-2.2M4.7 10H2.5M15.3 4.7l-1.6 1.6M6.3 13.7l-1.6 1.6M15.3 15.3l-1.6-1.6M6.3 6.3 4.7 4.7" />
    </>
  ),
  copy: (
    <>
      <rect x="7" y="7" width="9.5" height="9.5" rx="1.8" />
      <path d="M13 7V5.3c0-1-.8-1.8-1.8-1.8H5.3c-1 0-1.8.8-1.8 1.8v5.9c0 1 .8 1.8 1.8 1.8H7" />
    </>
  ),
  check: <path d="m4.5 10.5 3.5 3.5 7.5-8" />,
  refresh: (
    <>
      <path d="M16 10a6 6 0 1 1-1.8-4.3" />
      <path d="M16.2 3.5v3.2H13" />
    </>
  ),
  plus: <path d="M10 4v12M4 10h12" />,
  trash: (
    <>
      <path d="M4 6h12M8 6V4.2h4V6M5.5 6l.8 10.2h7.4l.8-10.2" />
    </>
  ),
  lock: (
    <>
      <rect x="4.5" y="9" width="11" height="8" rx="1.6" />
      <path d="M7 9V6.6a3 3 0 0 1 6 0V9" />
    </>
  ),
  pause: <path d="M7.5 4.5v11M12.5 4.5v11" />,
  play: <path d="M6.5 4.5v11l9-5.5Z" />,
  close: <path d="m5 5 10 10M15 5 5 15" />,
  alert: (
    <>
      <path d="M10 3 17.5 16.5h-15Z" />
      <path d="M10 8.3v3.6M10 14.1v.2" />
    </>
  ),
  info: (
    <>
      <circle cx="10" cy="10" r="7.2" />
      <path d="M10 9v4.6M10 6.4v.2" />
    </>
  ),
  external: <path d="M11 3.5h5.5V9M16.5 3.5 9 11M14 12.5v3a1 1 0 0 1-1 1H4.5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h3" />,
  search: (
    <>
      <circle cx="8.8" cy="8.8" r="5" />
      <path d="m12.6 12.6 4 4" />
    </>
  ),
  signout: <path d="M8 4H4.5v12H8M12.5 6.5 16 10l-3.5 3.5M16 10H7.5" />,
};

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
