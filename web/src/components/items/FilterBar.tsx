import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../data/workspace';
import { Icon } from '../ui/Icon';
import { NamedOptions } from '../ui/NamedOptions';
import { NO_FILTERS, type Filters } from './itemSort';

/** The filters above every item view: words, status, assignee and project. */
export function FilterBar({ filters, onChange, typeKeys }: { filters: Filters; onChange: (f: Filters) => void; typeKeys: string[] }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const set = (key: 'text' | 'status' | 'assignee' | 'project') => (value: string) => onChange({ ...filters, [key]: value });
  const statuses = ws.types.filter((type) => typeKeys.includes(type.key)).flatMap((type) =>
    type.statuses.map((status) => ({ status, type })),
  );
  const active =
    [filters.text, filters.status, filters.assignee, filters.project].some((value) => value !== '') ||
    Object.values(filters.custom).some((value) => value !== '');
  const setCustom = (key: string) => (value: string) => onChange({ ...filters, custom: { ...filters.custom, [key]: value } });
  return (
    <div className="filter-bar" role="search" aria-label={t('items.filters')}>
      <label className="filter-text">
        <Icon name="search" size={16} />
        <span className="visually-hidden">{t('items.filterText')}</span>
        <input
          type="search"
          placeholder={t('items.filterText')}
          value={filters.text}
          onChange={(e) => set('text')(e.target.value)}
        />
      </label>
      <FilterSelect label={t('items.status')} value={filters.status} onChange={set('status')}>
        {statuses.map(({ status, type }) => (
          <option key={status.id} value={status.id}>
            {typeKeys.length > 1 ? `${type.name}: ${status.name}` : status.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label={t('items.assignee')} value={filters.assignee} onChange={set('assignee')}>
        <option value="me">{t('items.me')}</option>
        <option value="none">{t('items.unassigned')}</option>
        {ws.users.map((user) => (
          <option key={`u${user.id}`} value={`user:${user.id}`}>
            {user.name}
          </option>
        ))}
        {ws.teams.map((team) => (
          <option key={`t${team.id}`} value={`team:${team.id}`}>
            {t('items.teamName', { name: team.name })}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label={t('items.project')} value={filters.project} onChange={set('project')}>
        <option value="none">{t('items.noProject')}</option>
        <NamedOptions of={ws.projects} />
      </FilterSelect>
      {ws.itemFields
        .filter((field) => ['choice', 'multi_choice', 'checkbox', 'user'].includes(field.kind))
        .map((field) => (
          <FilterSelect key={field.key} label={field.name} value={filters.custom[field.key] ?? ''} onChange={setCustom(field.key)}>
            {field.kind === 'checkbox' ? (
              <>
                <option value="true">{t('common.yes')}</option>
                <option value="false">{t('common.no')}</option>
              </>
            ) : field.kind === 'user' ? (
              <NamedOptions of={ws.users} />
            ) : (
              field.choices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))
            )}
          </FilterSelect>
        ))}
      {active && (
        <button type="button" className="button button-ghost button-small" onClick={() => onChange(NO_FILTERS)}>
          {t('items.clearFilters')}
        </button>
      )}
    </div>
  );
}

function FilterSelect({ label, value, onChange, children }: { label: string; value: string; onChange: (v: string) => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <label className={value === '' ? 'filter-select' : 'filter-select is-set'}>
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        <option value="">{t('items.anyOf', { field: label })}</option>
        {children}
      </select>
      <Icon name="chevronDown" size={14} />
    </label>
  );
}
