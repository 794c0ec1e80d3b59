import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useDebouncedLookup } from '../../hooks/useDebouncedLookup';
import { useDismiss } from '../../hooks/useDismiss';
import { useShortcut } from '../../hooks/useShortcut';
import { itemPath, type SearchResult } from '../../model';
import { navigate } from '../../router';
import { Icon } from '../ui/Icon';

/** The global search in the top bar ("/" focuses it): full-text over items and messages, results as you type. */
export function SearchBox() {
  const { t } = useTranslation();
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  useDismiss(open, () => setOpen(false), root);
  useShortcut('/', () => input.current?.focus());
  const results = useDebouncedLookup<SearchResult>(
    query,
    (q) =>
      q.length < 2
        ? null
        : () => api.get<{ data: SearchResult[] }>(`/search?q=${encodeURIComponent(q)}&limit=8`).then((page) => page.data),
    () => {
      setActive(0);
      setOpen(true);
    },
  );

  function go(result: SearchResult | undefined) {
    if (!result) return;
    setOpen(false);
    setQuery('');
    input.current?.blur();
    navigate(itemPath(result.item.type, result.item.number));
  }

  return (
    <div className="search-box" ref={root} role="search">
      <Icon name="search" size={16} />
      <label htmlFor={id} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={input}
        id={id}
        type="search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={t('search.placeholder')}
        value={query}
        onFocus={() => results.length > 0 && setOpen(true)}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((n) => Math.min(results.length - 1, n + 1));
          else if (e.key === 'ArrowUp') setActive((n) => Math.max(0, n - 1));
          else if (e.key === 'Enter') go(results[active]);
          else if (e.key === 'Escape') input.current?.blur();
          else return;
          e.preventDefault();
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">
        /
      </kbd>
      {open && query.trim().length >= 2 && (
        <ul id={`${id}-list`} className="search-results popover" role="listbox" aria-label={t('search.results')}>
          {results.length === 0 && <li className="search-empty">{t('search.none')}</li>}
          {results.map((result, index) => (
            <li
              key={result.item.id}
              role="option"
              aria-selected={index === active}
              className="search-result"
              onMouseEnter={() => setActive(index)}
              onMouseDown={(e) => {
                e.preventDefault();
                go(result);
              }}
            >
              <span className="search-number">#{result.item.number}</span>
              <span className="search-text">
                <span className="search-title">{result.item.title}</span>
                {/* The snippet is escaped by the server; only <mark> is markup. */}
                <span className="search-snippet" dangerouslySetInnerHTML={{ __html: result.snippet }} />
              </span>
              <span className={`type-badge type-${result.item.type}`}>{result.item.type}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
