import { useEffect, useRef, useState, type ReactNode, type UIEvent } from 'react';

interface VirtualListProps {
  count: number;
  rowHeight: number;
  /** Renders row `index`; the element must not set its own top position (the list places it). */
  renderRow: (index: number) => ReactNode;
  /** When set, scrolls just enough to show this row. */
  scrollToIndex?: number;
  className?: string;
  label?: string;
  role?: string;
}

const OVERSCAN = 8;

/** A scrolling list of `count` rows of equal height that only puts the visible ones (plus a few) in the page. */
export function VirtualList({ count, rowHeight, renderRow, scrollToIndex, className, label, role }: VirtualListProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // The window's height until the list has been measured: enough rows, without asking the browser to lay out
  // the page in the middle of the first render.
  const [height, setHeight] = useState(() => window.innerHeight);

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = box.current;
    if (element === null || scrollToIndex === undefined || scrollToIndex < 0) return;
    const top = scrollToIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight;
  }, [scrollToIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <div key={index} className="vrow" style={{ top: index * rowHeight, height: rowHeight }}>
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      ref={box}
      className={`vlist ${className ?? ''}`}
      onScroll={(event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop)}
      aria-label={label}
      role={role}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
