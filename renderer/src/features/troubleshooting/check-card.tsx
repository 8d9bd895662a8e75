import { useTranslation } from 'react-i18next';
import type { DiagnosticCheck } from '../../api/index.js';
import { Button, openExternal, StatusPill } from '../../components/index.js';

function evidenceText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

/**
 * The card's status: "Not run yet" only for a check that did not run (its summary then says how to run it), never
 * beside a conclusion; a check that cannot apply here says so instead of a pass or an unknown.
 */
function pillOf(check: DiagnosticCheck, t: (key: string) => string): { state: string; label?: string; tone?: 'muted' } {
  if (check.applies === false && check.status !== 'fail' && check.status !== 'warn') return { state: check.status, label: t('card.doesNotApply'), tone: 'muted' };
  if (check.ran === false) return { state: check.status, label: t('card.notRun') };
  return { state: check.status };
}

/** One row of the troubleshooting matrix: symptom, likely cause, result, evidence, remediation, fix. */
export function CheckCard({ check, running, fresh, note, onRun, onFix }: {
  check: DiagnosticCheck;
  running?: 'run' | 'fix';
  fresh: boolean;
  note?: { tone: 'success' | 'error'; message: string; link?: { url: string; label: string } };
  onRun(): void;
  onFix(): void;
}) {
  const { t } = useTranslation('troubleshooting');
  const evidence = Object.entries(check.evidence ?? {});
  const showRemediation = check.remediation && check.status !== 'pass';
  return (
    <article className={`check check-${check.status}`} data-check={check.id} aria-labelledby={`check-${check.id}-title`}>
      <div className="check-header">
        <div className="check-heading">
          <h3 id={`check-${check.id}-title`}>{check.title}</h3>
          {check.symptom ? (
            <p className="check-symptom">
              <span className="check-term">{t('card.symptom')}</span> {check.symptom}
            </p>
          ) : null}
          {check.cause ? (
            <p className="check-cause">
              <span className="check-term">{t('card.cause')}</span> {check.cause}
            </p>
          ) : null}
        </div>
        <div className="check-actions">
          <StatusPill {...pillOf(check, t)} />
          <Button size="sm" icon="refresh" busy={running === 'run'} disabled={running !== undefined} onClick={onRun}>
            {t('card.run')}
          </Button>
        </div>
      </div>
      <div className="check-result" aria-live="polite">
        {check.summary ? <p className="check-summary">{check.summary}</p> : null}
        {showRemediation ? (
          <p className="check-remediation">
            <span className="check-term">{t('card.whatToDo')}</span> {check.remediation}
          </p>
        ) : null}
        {note ? <p className={note.tone === 'success' ? 'text-ok' : 'text-error'}>{note.message}</p> : null}
        {note?.link ? (
          <p>
            <a className="button button-primary" href={note.link.url} target="_blank" rel="noreferrer noopener" onClick={(event) => {
                event.preventDefault();
                openExternal(note.link!.url);
              }}>
              {note.link.label}
            </a>
          </p>
        ) : null}
        {check.fix && (check.status === 'fail' || check.status === 'warn') ? (
          <Button variant="primary" size="sm" busy={running === 'fix'} disabled={running !== undefined} onClick={onFix}>
            {check.fix.label}
          </Button>
        ) : null}
        {evidence.length > 0 ? (
          <details className="evidence" open={fresh && check.status !== 'pass'}>
            <summary>{t('card.evidence')}</summary>
            <dl className="detail-list">
              {evidence.map(([name, value]) => (
                <div key={name}>
                  <dt className="mono">{name}</dt>
                  <dd>
                    <pre className="detail-value">{evidenceText(value)}</pre>
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}
      </div>
    </article>
  );
}
