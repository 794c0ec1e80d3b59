import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scope } from '../../data/scope';
import { useWorkspace } from '../../data/workspace';
import type { TreeFolder, TreePortfolio, TreeProject } from '../../model';
import { Icon } from '../ui/Icon';

interface Option {
  value: string;
  label: string;
  scope: Scope;
}

function folderOptions(folders: TreeFolder[], projectId: number, depth: number, out: Option[]) {
  for (const folder of folders) {
    out.push({ value: `f${folder.id}`, label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}▸ ${folder.name}`, scope: { kind: 'folder', id: folder.id, projectId } });
    folderOptions(folder.folders, projectId, depth + 1, out);
  }
}

function projectOption(project: TreeProject, depth: number, out: Option[]) {
  if (out.some((option) => option.value === `p${project.id}`)) return;
  out.push({ value: `p${project.id}`, label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${project.name}`, scope: { kind: 'project', id: project.id } });
  folderOptions(project.folders, project.id, depth + 1, out);
}

function portfolioOptions(portfolios: TreePortfolio[], depth: number, out: Option[]) {
  for (const portfolio of portfolios) {
    out.push({ value: `pf${portfolio.id}`, label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}◆ ${portfolio.name}`, scope: { kind: 'portfolio', id: portfolio.id } });
    portfolioOptions(portfolio.portfolios, depth + 1, out);
    portfolio.projects.forEach((project) => projectOption(project, depth + 1, out));
  }
}

function valueOf(scope: Scope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'portfolio':
      return `pf${scope.id}`;
    case 'project':
      return `p${scope.id}`;
    case 'folder':
      return `f${scope.id}`;
  }
}

/** Narrows every item view to all work, a portfolio, a project or a folder (from the tree). */
export function ScopeSelector() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const id = useId();
  const options: Option[] = [{ value: 'all', label: t('scope.all'), scope: { kind: 'all' } }];
  portfolioOptions(ws.tree.portfolios, 0, options);
  ws.tree.projects.forEach((project) => projectOption(project, 0, options));
  const current = valueOf(ws.scope);
  return (
    <div className="scope-selector">
      <label htmlFor={id} className="scope-label">
        {t('scope.label')}
      </label>
      <div className="select select-block">
        <Icon name="layers" size={16} />
        <select
          id={id}
          value={options.some((o) => o.value === current) ? current : 'all'}
          onChange={(e) => {
            const option = options.find((o) => o.value === e.target.value);
            if (option) ws.setScope(option.scope);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <Icon name="chevronDown" size={16} />
      </div>
    </div>
  );
}
