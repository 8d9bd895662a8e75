import { useEffect, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { groupDiagnosticChecks, type DiagnosticCheck } from '../../api/index.js';
import { useModel } from '../../app/index.js';
import { Button, Card, EmptyState, Loading, Notice, PageHeader } from '../../components/index.js';
import { CheckCard } from './check-card.js';
import { CheckGroup } from './check-group.js';

export function TroubleshootingPage() {
  const { t } = useTranslation('troubleshooting');
  const model = useModel();
  const state = useStore(model.diagnostics);
  useEffect(() => {
    void model.diagnostics.getState().load();
  }, [model.diagnostics]);

  const [showAll, setShowAll] = useState(false);
  const groups = useMemo(() => groupDiagnosticChecks(state.checks), [state.checks]);
  const running = Object.keys(state.running).length > 0;
  const applicable = state.checks.filter((check) => check.applies !== false);
  const failing = applicable.filter((check) => check.status === 'fail').length;
  const warnings = applicable.filter((check) => check.status === 'warn').length;
  const notRun = applicable.filter((check) => check.ran === false).length;
  const notApplicable = state.checks.length - applicable.length;
  const renderCard = (check: DiagnosticCheck) => (
    <CheckCard
      key={check.id}
      check={check}
      running={state.running[check.id]}
      fresh={state.ran[check.id] ?? false}
      note={state.notes[check.id]}
      onRun={() => void state.run(check.id)}
      onFix={() => void state.fix(check.id)}
    />
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          state.availability === 'available' && state.checks.length > 0 ? (
            <Button variant="primary" icon="refresh" busy={running} onClick={() => void state.runAll()}>
              {t('runAll')}
            </Button>
          ) : null
        }
      />
      {state.availability === 'loading' ? <Loading label={t('loading')} /> : null}
      {state.availability === 'unavailable' ? (
        <Card>
          <EmptyState icon="troubleshooting" title={t('unavailable')}>
            <Trans t={t} i18nKey="unavailableHint" components={{ mono: <span className="mono" /> }} />
          </EmptyState>
        </Card>
      ) : null}
      {state.availability === 'error' ? (
        <Notice tone="error" title={t('loadError')} action={<Button size="sm" onClick={() => void state.load()}>{t('tryAgain')}</Button>}>
          {state.error}
        </Notice>
      ) : null}
      {state.availability === 'available' ? (
        <>
          {state.checks.length > 0 ? (
            <div className="summary-line check-summary-line">
              <p>
                {t('summary.checks', { count: applicable.length })}
                {failing > 0 ? <span className="text-error">{t('summary.failing', { count: failing })}</span> : t('summary.noneFailing')}
                {warnings > 0 ? t('summary.warnings', { count: warnings }) : ''}
                {notRun > 0 ? t('summary.notRun', { count: notRun }) : ''}
                {notApplicable > 0 ? t('summary.notApplicable', { count: notApplicable }) : ''}
              </p>
              {notApplicable > 0 ? (
                <Button size="sm" variant="ghost" aria-pressed={showAll} onClick={() => setShowAll(!showAll)}>
                  {showAll ? t('summary.hideNotApplicable') : t('summary.showAll', { count: state.checks.length })}
                </Button>
              ) : null}
            </div>
          ) : (
            <Card>
              <EmptyState title={t('none')}>{t('noneHint')}</EmptyState>
            </Card>
          )}
          <div className="check-groups">
            {groups.map((group) => (
              <CheckGroup key={group.area} group={group} showAll={showAll} renderCard={renderCard} />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
