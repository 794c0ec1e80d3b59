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
