import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Button, Card, EmptyState, Loading, Notice, PageHeader } from '../../components/index.js';
import { CheckCard } from './check-card.js';

export function TroubleshootingPage() {
  const model = useModel();
  const state = useStore(model.diagnostics);
  useEffect(() => {
    void model.diagnostics.getState().load();
  }, [model.diagnostics]);

  const running = Object.keys(state.running).length > 0;
  const failing = state.checks.filter((check) => check.status === 'fail').length;
  const warnings = state.checks.filter((check) => check.status === 'warn').length;
  const notRun = state.checks.filter((check) => check.status === 'unknown' && !state.ran[check.id]).length;

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
            <p className="summary-line">
              {state.checks.length} checks · {failing > 0 ? <span className="text-error">{failing} failing</span> : 'none failing'}
              {warnings > 0 ? ` · ${warnings} with warnings` : ''}
              {notRun > 0 ? ` · ${notRun} not run yet (press Run all checks)` : ''}
            </p>
          ) : (
            <Card>
              <EmptyState title="No checks">The proxy reported no checks.</EmptyState>
            </Card>
          )}
          <div className="check-list">
            {state.checks.map((check) => (
              <CheckCard
                key={check.id}
                check={check}
                running={state.running[check.id]}
                fresh={state.ran[check.id] ?? false}
                note={state.notes[check.id]}
                onRun={() => void state.run(check.id)}
                onFix={() => void state.fix(check.id)}
              />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
