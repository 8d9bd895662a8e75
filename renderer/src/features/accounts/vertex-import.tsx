import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/index.js';
import { useModel } from '../../app/index.js';
import { Button, Field, Notice } from '../../components/index.js';

/** Vertex AI: upload a service account's JSON key (it is saved in the auth folder; tokens are minted from it). */
export function VertexImport() {
  const model = useModel();
  const { t } = useTranslation('accounts');
  const [file, setFile] = useState<File | null>(null);
  const [location, setLocation] = useState('us-central1');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Changes after an import so the file picker starts empty again. */
  const [picker, setPicker] = useState(0);
  const fileId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!file) return setError(t('vertex.chooseFile'));
    setSaving(true);
    try {
      await model.credentials.getState().importVertexKey(await file.text(), location.trim());
      await model.accounts.getState().load();
      setFile(null);
      setPicker(picker + 1);
    } catch (raw) {
      setError(toApiError(raw).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="vertex-import" onSubmit={(event) => void submit(event)} noValidate aria-label={t('vertex.form')}>
      {error ? <Notice tone="error" title={t('vertex.failed')}>{error}</Notice> : null}
      <div className="form-grid">
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            {t('vertex.file')}
          </label>
          <input key={picker} id={fileId} className="input" type="file" accept="application/json,.json" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          <p className="field-help">{t('vertex.fileHelp')}</p>
        </div>
        <Field label={t('vertex.location')} help={t('vertex.locationHelp')}>
          {({ id, describedBy }) => <input id={id} className="input" value={location} aria-describedby={describedBy} onChange={(event) => setLocation(event.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={saving}>
          {t('vertex.import')}
        </Button>
      </div>
    </form>
  );
}
