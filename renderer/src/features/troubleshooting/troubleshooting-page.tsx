import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { groupDiagnosticChecks, type DiagnosticCheck } from '../../api/index.js';
import { useModel } from '../../app/index.js';
import { Button, Card, EmptyState, Loading, Notice, PageHeader } from '../../components/index.js';
import { CheckCard } from './check-card.js';
import { CheckGroup } from './check-group.js';

export function TroubleshootingPage() {
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
        title="Troubleshooting"
        description="Live checks for the problems people meet most, each with what to do about it."
        actions={
          state.availability === 'available' && state.checks.length > 0 ? (
            <Button variant="primary" icon="refresh" busy={running} onClick={() => void state.runAll()}>
              Run all checks
            </Button>
          ) : null
        }
      />
      {state.availability === 'loading' ? <Loading label="Loading checks…" /> : null}
      {state.availability === 'unavailable' ? (
        <Card>
          <EmptyState icon="troubleshooting" title="Troubleshooting checks are not available in this version">
            This proxy does not offer live checks yet. Update CLIProxy Desktop to get them; until then,{' '}
            <span className="mono">cliproxyctl doctor</span> runs the local checks from a terminal.
          </EmptyState>
        </Card>
      ) : null}
      {state.availability === 'error' ? (
        <Notice tone="error" title="The checks could not be loaded" action={<Button size="sm" onClick={() => void state.load()}>Try again</Button>}>
          {state.error}
        </Notice>
      ) : null}
      {state.availability === 'available' ? (
        <>
          {state.checks.length > 0 ? (
            <div className="summary-line check-summary-line">
              <p>
                {applicable.length} checks · {failing > 0 ? <span className="text-error">{failing} failing</span> : 'none failing'}
                {warnings > 0 ? ` · ${warnings} with warnings` : ''}
                {notRun > 0 ? ` · ${notRun} not run yet (press Run all checks)` : ''}
                {notApplicable > 0 ? ` · ${notApplicable} do not apply here` : ''}
              </p>
              {notApplicable > 0 ? (
                <Button size="sm" variant="ghost" aria-pressed={showAll} onClick={() => setShowAll(!showAll)}>
                  {showAll ? 'Hide checks that do not apply' : `Show all (${state.checks.length})`}
                </Button>
              ) : null}
            </div>
          ) : (
            <Card>
              <EmptyState title="No checks">The proxy reported no checks.</EmptyState>
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
