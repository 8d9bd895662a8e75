import { useTranslation } from 'react-i18next';
import { Button, Card, ConfirmButton, CopyButton, Notice, StatusPill, type Tone } from '../../components/index.js';
import { openExternal } from '../../components/index.js';
import type { ClientFileChange, ClientSetupState, ClientSetupView } from '../../api/index.js';
import type { ClientChoice, ConnectState } from './connect-store.js';

/** Each state's tone; its words are `state.<state>` in the connect catalogue. */
const TONES: Record<ClientSetupState, Tone> = {
  'this-proxy': 'ok',
  elsewhere: 'info',
  'not-set-up': 'muted',
  'changed-since-written': 'warn',
  unreadable: 'error',
};

/** One diff line per row, coloured by its first character (the text says it too: +, -). */
function DiffView({ file }: { file: ClientFileChange }) {
  const { t } = useTranslation('connect');
  const lines = file.diff.split('\n').filter((line, index, all) => !(index === all.length - 1 && line === ''));
  return (
    <figure className="diff" data-diff-file={file.path}>
      <figcaption className="mono small">
        {file.path} {file.exists ? '' : t('card.newFile')}
      </figcaption>
      <pre className="diff-body" aria-label={t('card.changesTo', { path: file.path })}>
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
  const { t } = useTranslation('connect');
  return (
    <label className="connect-model">
      <span className="small muted">{label}</span>
      <select className="select" value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)} aria-label={label}>
        <option value="">{t('card.keepOwn')}</option>
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
  const { t } = useTranslation('connect');
  const shown = { tone: TONES[client.state], label: t(`state.${client.state}`) };
  const busy = state.busy[client.id];
  const preview = state.previews[client.id];
  const note = state.notes[client.id];
  const choice: ClientChoice = state.choices[client.id] ?? {};

  if (client.kind === 'guided') {
    return (
      <Card title={client.name} description={client.summary} className="connect-card" actions={<StatusPill tone="muted" label={t('card.inApp')} />}>
        <dl className="connect-steps" data-client={client.id}>
          {(client.steps ?? []).map((step) => (
            <div key={step.label} className="connect-step">
              <dt>{step.label}</dt>
              <dd className="mono">{step.value}</dd>
              <dd>
                <CopyButton label={t('card.copyStep', { label: step.label })} onError={onError} text={async () => (step.secret ? ((await state.reveal(client.id))?.steps?.find((item) => item.label === step.label)?.value ?? null) : step.value)} />
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
            {t('card.openCherry')}
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
          {client.detected ? '' : t('card.notFound')}
        </p>
        <p className="small muted mono">{client.files.join(' · ')}</p>
        <div className="connect-models">
          <ModelSelect label={t('card.defaultModel')} value={choice.model} models={models} onChange={(model) => state.choose(client.id, { model })} />
          {client.takesSmallModel ? <ModelSelect label={t('card.smallModel')} value={choice.smallModel} models={models} onChange={(smallModel) => state.choose(client.id, { smallModel })} /> : null}
        </div>
        <div className="connect-actions">
          <Button size="sm" onClick={() => void state.preview(client.id)} busy={busy === 'preview'} disabled={Boolean(busy)}>
            {t('card.preview')}
          </Button>
          <Button size="sm" variant="primary" onClick={() => void state.apply(client.id)} busy={busy === 'apply'} disabled={Boolean(busy) || client.state === 'unreadable'}>
            {client.state === 'this-proxy' ? t('card.setUpAgain') : t('card.setUp')}
          </Button>
          {client.revertible ? <ConfirmButton label={t('card.revert')} confirmLabel={t('card.revertNow')} question={t('card.revertQuestion', { name: client.name })} busy={busy === 'revert'} disabled={Boolean(busy)} onConfirm={() => void state.revert(client.id)} /> : null}
        </div>
        {preview ? (
          <div className="connect-preview">
            {preview.filter((file) => file.changed).map((file) => (
              <DiffView key={file.path} file={file} />
            ))}
            <div className="connect-actions">
              <Button size="sm" variant="primary" onClick={() => void state.apply(client.id)} busy={busy === 'apply'} disabled={Boolean(busy)}>
                {t('card.apply')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => state.closePreview(client.id)}>
                {t('card.close')}
              </Button>
            </div>
          </div>
        ) : null}
        {note ? (
          <Notice tone={note.tone} action={note.canForce ? <Button size="sm" variant="danger" onClick={() => void state.revert(client.id, true)}>{t('card.revertAnyway')}</Button> : undefined}>
            {note.message}
          </Notice>
        ) : null}
      </div>
    </Card>
  );
}
