import type { ReactNode } from 'react';
import type { DiagnosticCheck, DiagnosticGroup } from '../../api/index.js';

function slug(area: string): string {
  return area.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function counts(group: DiagnosticGroup): string {
  const failing = group.problems.filter((check) => check.status === 'fail').length;
  const warnings = group.problems.length - failing;
  return [failing ? `${failing} failing` : '', warnings ? `${warnings} with warnings` : '', group.passing.length ? `${group.passing.length} passing` : ''].filter(Boolean).join(' · ');
}

/**
 * One area of the troubleshooting checks: failures, warnings, undecided and not-run checks as cards; passing checks
 * folded under one line; checks that cannot apply here only with "show all".
 */
export function CheckGroup({ group, showAll, renderCard }: { group: DiagnosticGroup; showAll: boolean; renderCard(check: DiagnosticCheck): ReactNode }) {
  const open = [...group.problems, ...group.undecided, ...group.notRun];
  const notApplicable = showAll ? group.notApplicable : [];
  if (open.length === 0 && group.passing.length === 0 && notApplicable.length === 0) return null;
  const id = `check-area-${slug(group.area)}`;
  return (
    <section className="check-group" aria-labelledby={id} data-area={group.area}>
      <h2 id={id} className="check-group-title">
        {group.area} <span className="check-group-counts">{counts(group)}</span>
      </h2>
      {open.length > 0 ? <div className="check-list">{open.map(renderCard)}</div> : null}
      {group.passing.length > 0 ? (
        <details className="check-fold">
          <summary>
            {group.passing.length} passing: {group.passing.map((check) => check.title).join(', ')}
          </summary>
          <div className="check-list">{group.passing.map(renderCard)}</div>
        </details>
      ) : null}
      {notApplicable.length > 0 ? (
        <div className="check-list check-list-not-applicable">
          <p className="check-fold-label">Do not apply here</p>
          {notApplicable.map(renderCard)}
        </div>
      ) : null}
    </section>
  );
}
