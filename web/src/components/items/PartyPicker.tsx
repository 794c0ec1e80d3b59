import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { partyName, useWorkspace } from '../../data/workspace';
import type { Party } from '../../model';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';

/** A labelled list of users and teams with a remove button each and a picker to add one more. */
export function PartyPicker({ label, parties, onChange }: { label: string; parties: Party[]; onChange: (parties: Party[]) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const id = useId();
  const has = (kind: string, pid: number) => parties.some((p) => p.kind === kind && p.id === pid);
  return (
    <div className="prop prop-parties">
      <label htmlFor={id} className="prop-label">
        {label}
      </label>
      <div className="chips">
        {parties.map((party) => (
          <span key={`${party.kind}${party.id}`} className="chip">
            {party.kind === 'team' ? <Icon name="people" size={14} /> : <Avatar name={partyName(ws, party)} size={18} />}
            {partyName(ws, party)}
            <button
              type="button"
              className="chip-remove"
              aria-label={t('items.removeParty', { name: partyName(ws, party) })}
              onClick={() => onChange(parties.filter((p) => p !== party))}
            >
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <select
          id={id}
          className="chip-add"
          value=""
          aria-label={t('items.addParty', { field: label })}
          onChange={(e) => {
            const [kind, pid] = e.target.value.split(':');
            if (kind && pid) onChange([...parties, { kind, id: Number(pid) }]);
          }}
        >
          <option value="">{t('items.add')}</option>
          <optgroup label={t('items.users')}>
            {ws.users
              .filter((u) => !has('user', u.id))
              .map((u) => (
                <option key={u.id} value={`user:${u.id}`}>
                  {u.name}
                </option>
              ))}
          </optgroup>
          {ws.teams.length > 0 && (
            <optgroup label={t('items.teams')}>
              {ws.teams
                .filter((team) => !has('team', team.id))
                .map((team) => (
                  <option key={team.id} value={`team:${team.id}`}>
                    {team.name}
                  </option>
                ))}
            </optgroup>
          )}
        </select>
      </div>
    </div>
  );
}
