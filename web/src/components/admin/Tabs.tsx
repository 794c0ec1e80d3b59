import type { ReactNode } from 'react';

/** A row of tabs over one of several sections; `current` is the selected tab's id. */
export function Tabs<T extends string>({ tabs, current, onSelect, label }: { tabs: { id: T; label: ReactNode }[]; current: T; onSelect: (id: T) => void; label: string }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button key={tab.id} type="button" role="tab" aria-selected={tab.id === current} onClick={() => onSelect(tab.id)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
