import { Button, Card, ConfirmButton, CopyButton, Notice, StatusPill, type Tone } from '../../components/index.js';
import { openExternal } from '../../components/index.js';
import type { ClientFileChange, ClientSetupState, ClientSetupView } from '../../api/index.js';
import type { ClientChoice, ConnectState } from './connect-store.js';

const STATES: Record<ClientSetupState, { tone: Tone; label: string }> = {
  'this-proxy': { tone: 'ok', label: 'Points at this proxy' },
  elsewhere: { tone: 'info', label: 'Points elsewhere' },
  'not-set-up': { tone: 'muted', label: 'Not set up' },
  'changed-since-written': { tone: 'warn', label: 'Changed since we wrote it' },
  unreadable: { tone: 'error', label: 'Cannot read its settings' },
};

/** One diff line per row, coloured by its first character (the text says it too: +, -). */
function DiffView({ file }: { file: ClientFileChange }) {
  const lines = file.diff.split('\n').filter((line, index, all) => !(index === all.length - 1 && line === ''));
  return (
    <figure className="diff" data-diff-file={file.path}>
      <figcaption className="mono small">
        {file.path} {file.exists ? '' : '(new file)'}
      </figcaption>
      <pre className="diff-body" aria-label={`Changes to ${file.path}`}>
        {lines.map((line, index) => (
          <span key={index} className={line.startsWith('+') && !line.startsWith('+++') ? 'diff-add' : line.startsWith('-') && !line.startsWith('---') ? 'diff-remove' : line.startsWith('@@') ? 'diff-hunk' : 'diff-context'}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}

function ModelSelect({ label, value, models, onChange }: { label: string; value: string | undefined; models: string[]; onChange(value: string | undefined): void }) {
  return (
    <label className="connect-model">
      <span className="small muted">{label}</span>
      <select className="select" value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)} aria-label={label}>
        <option value="">Keep the tool’s own choice</option>
        {models.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ClientCard({ client, models, state, onError }: { client: ClientSetupView; models: string[]; state: ConnectState; onError(message: string): void }) {
  const shown = STATES[client.state];
  const busy = state.busy[client.id];
  const preview = state.previews[client.id];
  const note = state.notes[client.id];
  const choice: ClientChoice = state.choices[client.id] ?? {};

  if (client.kind === 'guided') {
    return (
      <Card title={client.name} description={client.summary} className="connect-card" actions={<StatusPill tone="muted" label="Set up in the app" />}>
        <dl className="connect-steps" data-client={client.id}>
          {(client.steps ?? []).map((step) => (
            <div key={step.label} className="connect-step">
              <dt>{step.label}</dt>
              <dd className="mono">{step.value}</dd>
              <dd>
                <CopyButton label={`Copy ${step.label}`} onError={onError} text={async () => (step.secret ? ((await state.reveal(client.id))?.steps?.find((item) => item.label === step.label)?.value ?? null) : step.value)} />
              </dd>
            </div>
          ))}
        </dl>
        {client.id === 'cherry-studio' ? (
          <Button
            size="sm"
            icon="external"
            onClick={async () => {
              const link = (await state.reveal(client.id))?.link;
              if (link) openExternal(link);
            }}
          >
            Open in Cherry Studio
          </Button>
        ) : null}
        {note ? <Notice tone={note.tone}>{note.message}</Notice> : null}
      </Card>
    );
  }

  return (
    <Card
      title={client.name}
      description={client.summary}
      className="connect-card"
      actions={
        <span data-client-state={client.state}>
          <StatusPill tone={shown.tone} label={shown.label} />
        </span>
      }
    >
      <div className="connect-card-body" data-client={client.id}>
        <p className="small">
          {client.message}
          {client.detected ? '' : ' Not found on this machine yet.'}
        </p>
        <p className="small muted mono">{client.files.join(' · ')}</p>
        <div className="connect-models">
          <ModelSelect label="Default model" value={choice.model} models={models} onChange={(model) => state.choose(client.id, { model })} />
          {client.takesSmallModel ? <ModelSelect label="Small, fast model" value={choice.smallModel} models={models} onChange={(smallModel) => state.choose(client.id, { smallModel })} /> : null}
        </div>
        <div className="connect-actions">
          <Button size="sm" onClick={() => void state.preview(client.id)} busy={busy === 'preview'} disabled={Boolean(busy)}>
            Preview diff
          </Button>
          <Button size="sm" variant="primary" onClick={() => void state.apply(client.id)} busy={busy === 'apply'} disabled={Boolean(busy) || client.state === 'unreadable'}>
            {client.state === 'this-proxy' ? 'Set up again' : 'Set up'}
          </Button>
          {client.revertible ? <ConfirmButton label="Revert" confirmLabel="Revert now" question={`Put ${client.name}'s files back as they were before the first setup?`} busy={busy === 'revert'} disabled={Boolean(busy)} onConfirm={() => void state.revert(client.id)} /> : null}
        </div>
        {preview ? (
          <div className="connect-preview">
            {preview.filter((file) => file.changed).map((file) => (
              <DiffView key={file.path} file={file} />
            ))}
            <div className="connect-actions">
              <Button size="sm" variant="primary" onClick={() => void state.apply(client.id)} busy={busy === 'apply'} disabled={Boolean(busy)}>
                Apply these changes
              </Button>
              <Button size="sm" variant="ghost" onClick={() => state.closePreview(client.id)}>
                Close
              </Button>
            </div>
          </div>
        ) : null}
        {note ? (
          <Notice tone={note.tone} action={note.canForce ? <Button size="sm" variant="danger" onClick={() => void state.revert(client.id, true)}>Revert anyway</Button> : undefined}>
            {note.message}
          </Notice>
        ) : null}
      </div>
    </Card>
  );
}
