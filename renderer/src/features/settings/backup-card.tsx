import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Button, Card, Field, Notice } from '../../components/index.js';

async function readFiles(list: FileList | File[]): Promise<Array<{ name: string; content: string }>> {
  return Promise.all([...list].map(async (file) => ({ name: file.name, content: await file.text() })));
}

/** Hands a text to the browser (or Electron) as a file download. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Settings → Backup and import: login files in, a backup bundle out, and a backup back in. */
export function BackupCard() {
  const model = useModel();
  const { t } = useTranslation('settings');
  const state = useStore(model.backup);
  const ids = useId();
  const [dragging, setDragging] = useState(false);
  const [include, setInclude] = useState({ config: true, accounts: true, usage: true });
  const [passphrase, setPassphrase] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [backupFile, setBackupFile] = useState<File | null>(null);
  const [restorePassphrase, setRestorePassphrase] = useState('');

  const importFiles = async (list: FileList | File[] | null) => {
    if (!list || list.length === 0) return;
    await state.importFiles(await readFiles(list));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importFiles(event.dataTransfer.files);
  };
  const exportBackup = async () => {
    setSaved(null);
    const text = await state.exportBackup({ passphrase: passphrase || undefined, include });
    if (text === null) return;
    const name = `cliproxy-backup-${new Date().toISOString().slice(0, 10)}.json`;
    download(text, name);
    setSaved(name);
  };
  const restore = async () => {
    if (!backupFile) return;
    await state.restoreBackup({ text: await backupFile.text(), passphrase: restorePassphrase });
  };
  const error = (action: 'files' | 'export' | 'restore') => (state.error?.action === action ? state.error : null);

  return (
    <Card title={t('backup.title')} description={t('backup.description')} className="backup-card">
      <section className="backup-section" aria-labelledby={`${ids}-files`}>
        <h3 id={`${ids}-files`}>{t('backup.files.title')}</h3>
        <p className="small muted">{t('backup.files.help')}</p>
        <div
          className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <span>{state.busy === 'files' ? t('backup.files.working') : t('backup.files.drop')}</span>
          <label className="button button-secondary button-sm">
            {t('backup.files.pick')}
            <input
              className="visually-hidden"
              type="file"
              accept=".json,application/json"
              multiple
              aria-label={t('backup.files.pick')}
              onChange={(event) => {
                void importFiles(event.target.files);
                event.target.value = '';
              }}
            />
          </label>
        </div>
        {error('files') ? <Notice tone="error" title={t('backup.failed')}>{error('files')!.message}</Notice> : null}
        {state.files ? (
          <div className="backup-results" role="status">
            <strong>{t('backup.files.summary', { imported: state.files.imported, skipped: state.files.skipped, failed: state.files.failed })}</strong>
            <ul>
              {state.files.results.map((result, index) => (
                <li key={`${result.name}-${index}`} className={`backup-result backup-result-${result.kind}`}>
                  {result.kind === 'imported'
                    ? t('backup.files.imported', { name: result.name, account: result.account, provider: result.provider })
                    : result.kind === 'skipped'
                      ? t('backup.files.skipped', { name: result.name, reason: result.reason })
                      : t('backup.files.failed', { name: result.name, error: result.error })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section className="backup-section" aria-labelledby={`${ids}-export`}>
        <h3 id={`${ids}-export`}>{t('backup.export.title')}</h3>
        <p className="small muted">{t('backup.export.help')}</p>
        <div className="backup-checks">
          {(['config', 'accounts', 'usage'] as const).map((part) => (
            <label key={part} className="checkbox">
              <input type="checkbox" checked={include[part]} onChange={(event) => setInclude({ ...include, [part]: event.target.checked })} />
              <span>{t(`backup.export.${part}`)}</span>
            </label>
          ))}
        </div>
        <div className="settings-grid">
          <Field label={t('backup.export.passphrase')} help={t('backup.export.passphraseHelp')}>
            {({ id, describedBy }) => (
              <input id={id} className="input" type="password" autoComplete="new-password" value={passphrase} aria-describedby={describedBy} onChange={(event) => setPassphrase(event.target.value)} />
            )}
          </Field>
        </div>
        {passphrase === '' ? <Notice tone="warn">{t('backup.export.plainWarning')}</Notice> : null}
        {error('export') ? <Notice tone="error" title={t('backup.failed')}>{error('export')!.message}</Notice> : null}
        {saved ? <Notice tone="success">{t('backup.export.done', { file: saved })}</Notice> : null}
        <Button variant="primary" busy={state.busy === 'export'} disabled={!include.config && !include.accounts && !include.usage} onClick={() => void exportBackup()}>
          {t('backup.export.button')}
        </Button>
      </section>

      <section className="backup-section" aria-labelledby={`${ids}-restore`}>
        <h3 id={`${ids}-restore`}>{t('backup.restore.title')}</h3>
        <p className="small muted">{t('backup.restore.help')}</p>
        <div className="settings-grid">
          <Field label={t('backup.restore.file')}>
            {({ id, describedBy }) => (
              <input id={id} className="input" type="file" accept=".json,application/json" aria-describedby={describedBy} onChange={(event) => setBackupFile(event.target.files?.[0] ?? null)} />
            )}
          </Field>
          <Field label={t('backup.restore.passphrase')} help={t('backup.restore.passphraseHelp')} error={error('restore')?.wrongPassphrase ? error('restore')!.message : null}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input"
                type="password"
                autoComplete="off"
                value={restorePassphrase}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(event) => setRestorePassphrase(event.target.value)}
              />
            )}
          </Field>
        </div>
        {error('restore') && !error('restore')!.wrongPassphrase ? <Notice tone="error" title={t('backup.restore.failed')}>{error('restore')!.message}</Notice> : null}
        {state.restored ? (
          <Notice tone={state.restored.config.persisted ? 'success' : 'warn'} title={t('backup.restore.done')}>
            {t('backup.restore.doneText', {
              config: state.restored.config.restored ? t('backup.restore.configRestored') : t('backup.restore.configMissing'),
              accounts: state.restored.accounts.restored,
              added: state.restored.usage.added,
              skipped: state.restored.usage.skipped,
            })}
            {state.restored.config.persisted ? null : ` ${t('backup.restore.notSaved', { reason: state.restored.config.reason ?? 'config.yaml' })}`}
          </Notice>
        ) : null}
        <Button variant="primary" icon="refresh" busy={state.busy === 'restore'} disabled={!backupFile} onClick={() => void restore()}>
          {t('backup.restore.button')}
        </Button>
      </section>
    </Card>
  );
}
