import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticCheck, DiagnosticGroup } from '../../api/index.js';

function slug(area: string): string {
  return area.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** The proxy names its areas in English (DIAGNOSTIC_AREAS); their catalogue keys. An unknown area shows as sent. */
const AREA_KEYS: Record<string, string> = {
  Setup: 'setup',
  Ports: 'ports',
  'Accounts and logins': 'accounts',
  Clients: 'clients',
  'Models and routing': 'models',
  'Streaming and usage': 'streaming',
  Providers: 'providers',
};

function counts(group: DiagnosticGroup, t: (key: string, values: { count: number }) => string): string {
  const failing = group.problems.filter((check) => check.status === 'fail').length;
  const warnings = group.problems.length - failing;
  return [failing ? t('group.failing', { count: failing }) : '', warnings ? t('group.warnings', { count: warnings }) : '', group.passing.length ? t('group.passing', { count: group.passing.length }) : ''].filter(Boolean).join(' · ');
}

/**
 * One area of the troubleshooting checks: failures, warnings, undecided and not-run checks as cards; passing checks
 * folded under one line; checks that cannot apply here only with "show all".
 */
export function CheckGroup({ group, showAll, renderCard }: { group: DiagnosticGroup; showAll: boolean; renderCard(check: DiagnosticCheck): ReactNode }) {
  const { t } = useTranslation('troubleshooting');
  const open = [...group.problems, ...group.undecided, ...group.notRun];
  const notApplicable = showAll ? group.notApplicable : [];
  if (open.length === 0 && group.passing.length === 0 && notApplicable.length === 0) return null;
  const id = `check-area-${slug(group.area)}`;
  return (
    <section className="check-group" aria-labelledby={id} data-area={group.area}>
      <h2 id={id} className="check-group-title">
        {AREA_KEYS[group.area] ? t(`area.${AREA_KEYS[group.area]}`) : group.area} <span className="check-group-counts">{counts(group, t)}</span>
      </h2>
      {open.length > 0 ? <div className="check-list">{open.map(renderCard)}</div> : null}
      {group.passing.length > 0 ? (
        <details className="check-fold">
          <summary>
            {t('group.passingList', { count: group.passing.length, titles: group.passing.map((check) => check.title).join(', ') })}
          </summary>
          <div className="check-list">{group.passing.map(renderCard)}</div>
        </details>
      ) : null}
      {notApplicable.length > 0 ? (
        <div className="check-list check-list-not-applicable">
          <p className="check-fold-label">{t('group.notApplicable')}</p>
          {notApplicable.map(renderCard)}
        </div>
      ) : null}
    </section>
  );
}
