import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Button, Card, Loading, Notice } from '../../components/index.js';

/** Character offset of the start of `line` (1-based) in `text`. */
export function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** The raw config.yaml, secrets shown as REDACTED(…) tokens that the proxy restores on save. */
export function YamlEditor() {
  const model = useModel();
  const state = useStore(model.settings);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [confirmReload, setConfirmReload] = useState(false);
  useEffect(() => {
    void model.settings.getState().loadYaml();
  }, [model.settings]);

  const text = state.yamlText;
  const dirty = text !== null && text !== state.yamlOriginal;
  const lines = text === null ? 0 : text.split('\n').length;
  const errorLine = state.yamlError?.line;

  const goToLine = (line: number, column = 1) => {
    const element = area.current;
    if (!element || text === null) return;
    const start = lineOffset(text, line);
    const end = text.indexOf('\n', start);
    element.focus();
    element.setSelectionRange(Math.min(start + column - 1, end === -1 ? text.length : end), end === -1 ? text.length : end);
    const lineHeight = element.scrollHeight / Math.max(lines, 1);
    element.scrollTop = Math.max(0, (line - 4) * lineHeight);
  };

  const reload = () => {
    if (dirty && !confirmReload) {
      setConfirmReload(true);
      return;
    }
    setConfirmReload(false);
    void state.loadYaml({ force: true });
  };

  if (text === null) {
    return state.yamlError ? (
      <Notice tone="error" title="config.yaml could not be loaded" action={<Button size="sm" onClick={() => void state.loadYaml({ force: true })}>Try again</Button>}>
        {state.yamlError.message}
      </Notice>
    ) : (
      <Loading label="Loading config.yaml…" />
    );
  }

  return (
    <Card
      title="config.yaml"
      description="Edit the whole file. Secrets appear as REDACTED(…): leave those tokens as they are and the proxy keeps the real values. Comments and unknown keys are kept."
      actions={
        <>
          {confirmReload ? (
            <span className="confirm">
              <span className="confirm-question">Discard your edits?</span>
              <Button size="sm" variant="danger" onClick={reload}>
                Discard and reload
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmReload(false)}>
                Keep editing
              </Button>
            </span>
          ) : (
            <Button size="sm" variant="ghost" icon="refresh" busy={state.yamlLoading} onClick={reload}>
              Reload from proxy
            </Button>
          )}
          <Button size="sm" variant="primary" busy={state.yamlSaving} disabled={!dirty} onClick={() => void state.saveYaml()}>
            Save config.yaml
          </Button>
        </>
      }
    >
      {state.yamlError ? (
        <Notice
          tone="error"
          title={state.yamlError.line ? `Not saved: line ${state.yamlError.line}${state.yamlError.column ? `, column ${state.yamlError.column}` : ''}` : 'Not saved'}
          action={state.yamlError.line ? <Button size="sm" onClick={() => goToLine(state.yamlError!.line!, state.yamlError!.column)}>Go to line {state.yamlError.line}</Button> : undefined}
        >
          {state.yamlError.message}
          {/[.!?]$/.test(state.yamlError.message.trim()) ? ' ' : '. '}
          Your text is kept; fix it and save again.
        </Notice>
      ) : null}
      <div className={`code-editor${state.yamlError?.line ? ' code-editor-invalid' : ''}`}>
        <div className="code-gutter mono" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, index) => (
            <div key={index} className={index + 1 === errorLine ? 'gutter-line gutter-error' : 'gutter-line'}>
              {index + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={area}
          className="code-area mono"
          aria-label="config.yaml"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          value={text}
          onChange={(event) => state.setYamlText(event.target.value)}
          onScroll={(event) => {
            if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      <p className="card-footnote">{dirty ? 'Unsaved edits. They stay here if you switch pages.' : 'No unsaved edits.'}</p>
    </Card>
  );
}
