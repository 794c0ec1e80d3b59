import type { ReactElement } from 'react';

const PATHS = {
  inbox: (
    <>
      <path d="M3.5 13.5h4.25l1.5 2.5h5.5l1.5-2.5h4.25" />
      <path d="M6.2 5h11.6a1 1 0 0 1 .95.68L20.5 11v7a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 18v-7l1.75-5.32A1 1 0 0 1 6.2 5Z" />
    </>
  ),
  check: (
    <>
      <rect x="3.75" y="3.75" width="16.5" height="16.5" rx="4" />
      <path d="m8.25 12.25 2.5 2.5 5-5.5" />
    </>
  ),
  board: (
    <>
      <rect x="3.75" y="4" width="4.5" height="15" rx="1.25" />
      <rect x="9.75" y="4" width="4.5" height="9.5" rx="1.25" />
      <rect x="15.75" y="4" width="4.5" height="12" rx="1.25" />
    </>
  ),
  grip: (
    <>
      <circle cx="9" cy="6.5" r="1.25" />
      <circle cx="15" cy="6.5" r="1.25" />
      <circle cx="9" cy="12" r="1.25" />
      <circle cx="15" cy="12" r="1.25" />
      <circle cx="9" cy="17.5" r="1.25" />
      <circle cx="15" cy="17.5" r="1.25" />
    </>
  ),
  building: (
    <>
      <path d="M4.5 20V6a1.5 1.5 0 0 1 1.5-1.5h7A1.5 1.5 0 0 1 14.5 6v14" />
      <path d="M14.5 10H18a1.5 1.5 0 0 1 1.5 1.5V20M3 20h18M8 8.5h3M8 12h3M8 15.5h3" />
    </>
  ),
  people: (
    <>
      <circle cx="9" cy="8.5" r="3.25" />
      <path d="M3.5 19.5c.5-3 2.75-5 5.5-5s5 2 5.5 5" />
      <path d="M15.5 5.5a3.25 3.25 0 0 1 0 6M17.25 14.75c1.75.6 2.9 2.3 3.25 4.75" />
    </>
  ),
  sliders: (
    <>
      <path d="M4 7h9M17 7h3M4 12h3M11 12h9M4 17h11M19 17h1" />
      <circle cx="15" cy="7" r="2" />
      <circle cx="9" cy="12" r="2" />
      <circle cx="17" cy="17" r="2" />
    </>
  ),
  list: <path d="M8.5 6.5h11M8.5 12h11M8.5 17.5h11M4.5 6.5h.01M4.5 12h.01M4.5 17.5h.01" />,
  tree: (
    <>
      <path d="M5 4.5v13a2 2 0 0 0 2 2h3M5 9.5h5" />
      <rect x="12" y="7.5" width="8" height="4" rx="1.25" />
      <rect x="12" y="17.5" width="8" height="4" rx="1.25" transform="translate(0 -2)" />
    </>
  ),
  search: (
    <>
      <circle cx="11" cy="11" r="6.25" />
      <path d="m20 20-4.5-4.5" />
    </>
  ),
  arrowUp: <path d="M12 19V5M6 11l6-6 6 6" />,
  arrowDown: <path d="M12 5v14M6 13l6 6 6-6" />,
  arrowRight: <path d="M5 12h14M13 6l6 6-6 6" />,
  chevronRight: <path d="m10 7 5 5-5 5" />,
  layers: (
    <>
      <path d="m12 4 8.5 4.5L12 13 3.5 8.5 12 4Z" />
      <path d="m3.5 12.5 8.5 4.5 8.5-4.5M3.5 16.5 12 21l8.5-4.5" />
    </>
  ),
  folder: <path d="M3.75 7.5A1.75 1.75 0 0 1 5.5 5.75h4l2 2.25h7a1.75 1.75 0 0 1 1.75 1.75v7.75A1.75 1.75 0 0 1 18.5 19.25h-13a1.75 1.75 0 0 1-1.75-1.75V7.5Z" />,
  lock: (
    <>
      <rect x="5" y="10.5" width="14" height="9.5" rx="2" />
      <path d="M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5" />
    </>
  ),
  reply: (
    <>
      <path d="M9.5 8 4.5 12.5l5 4.5" />
      <path d="M4.5 12.5h9a6 6 0 0 1 6 6v.5" />
    </>
  ),
  paperclip: <path d="m19 11.5-7.1 7.1a4.5 4.5 0 0 1-6.4-6.4l7.8-7.8a3 3 0 0 1 4.2 4.2l-7.8 7.8a1.5 1.5 0 0 1-2.1-2.1l7.1-7.1" />,
  plus: <path d="M12 5v14M5 12h14" />,
  pencil: (
    <>
      <path d="M15.5 5.5 18.5 8.5M4.5 19.5l1-4L16 5a2.1 2.1 0 0 1 3 3L8.5 18.5l-4 1Z" />
    </>
  ),
  convert: (
    <>
      <path d="M4.5 9h13l-3.5-3.5" />
      <path d="M19.5 15h-13l3.5 3.5" />
    </>
  ),
  expand: <path d="M14 4.5h5.5V10M10 19.5H4.5V14M19.5 4.5 13.5 10.5M4.5 19.5l6-6" />,
  collapse: <path d="M19.5 4.5 14 10m0 0V5.5m0 4.5h4.5M4.5 19.5 10 14m0 0v4.5M10 14H5.5" />,
  bell: (
    <>
      <path d="M6.5 16.5V11a5.5 5.5 0 0 1 11 0v5.5l1.5 1.5H5l1.5-1.5Z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </>
  ),
  trash: <path d="M4.5 7h15M9.5 7V5h5v2M6.5 7l1 12.5h9l1-12.5" />,
  mail: (
    <>
      <rect x="3.5" y="5.5" width="17" height="13" rx="2" />
      <path d="m4 7 8 6 8-6" />
    </>
  ),
  menu: <path d="M4 7h16M4 12h16M4 17h16" />,
  close: <path d="m6 6 12 12M18 6 6 18" />,
  chevronDown: <path d="m7 10 5 5 5-5" />,
  globe: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c2.3 2.4 3.4 5.2 3.4 8.5s-1.1 6.1-3.4 8.5c-2.3-2.4-3.4-5.2-3.4-8.5S9.7 5.9 12 3.5Z" />
    </>
  ),
  signOut: (
    <>
      <path d="M10 4.5H6.5A1.5 1.5 0 0 0 5 6v12a1.5 1.5 0 0 0 1.5 1.5H10" />
      <path d="m15 8 4 4-4 4M19 12H9.5" />
    </>
  ),
  alert: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7.75v5M12 16.25v.01" />
    </>
  ),
  eye: (
    <>
      <path d="M2.75 12S6 5.75 12 5.75 21.25 12 21.25 12 18 18.25 12 18.25 2.75 12 2.75 12Z" />
      <circle cx="12" cy="12" r="2.75" />
    </>
  ),
  eyeOff: (
    <>
      <path d="M9.9 6a9.7 9.7 0 0 1 2.1-.25C18 5.75 21.25 12 21.25 12a15 15 0 0 1-2.4 3.2M6.3 7.6A15 15 0 0 0 2.75 12S6 18.25 12 18.25a9 9 0 0 0 4.7-1.3" />
      <path d="M10 10.1a2.75 2.75 0 0 0 3.9 3.9M4 4l16 16" />
    </>
  ),
  clock: (
    <>
      <circle cx="12" cy="12" r="8.25" />
      <path d="M12 7.5V12l3 2" />
    </>
  ),
  play: <path d="M8 5.75v12.5a.75.75 0 0 0 1.14.64l10-6.25a.75.75 0 0 0 0-1.28l-10-6.25A.75.75 0 0 0 8 5.75Z" />,
  pause: (
    <>
      <rect x="6.5" y="5" width="3.5" height="14" rx="1" />
      <rect x="14" y="5" width="3.5" height="14" rx="1" />
    </>
  ),
  stop: <rect x="6" y="6" width="12" height="12" rx="2" />,
  upload: (
    <>
      <path d="M12 15V4m0 0L7.5 8.5M12 4l4.5 4.5" />
      <path d="M4.5 15.5v2A2.5 2.5 0 0 0 7 20h10a2.5 2.5 0 0 0 2.5-2.5v-2" />
    </>
  ),
  download: (
    <>
      <path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5" />
      <path d="M4.5 15.5v2A2.5 2.5 0 0 0 7 20h10a2.5 2.5 0 0 0 2.5-2.5v-2" />
    </>
  ),
} satisfies Record<string, ReactElement>;

/** Names of the hand-drawn line icons available to `Icon`. */
export type IconName = keyof typeof PATHS;

/** A 24×24 line icon drawn in the current text colour; decorative, so hidden from assistive technology. */
export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
