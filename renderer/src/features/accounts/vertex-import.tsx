import { useId, useState, type FormEvent } from 'react';
import { toApiError } from '../../api/index.js';
import { useModel } from '../../app/index.js';
import { Button, Field, Notice } from '../../components/index.js';

/** Vertex AI: upload a service account's JSON key (it is saved in the auth folder; tokens are minted from it). */
export function VertexImport() {
  const model = useModel();
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
    if (!file) return setError('Choose the JSON key file first.');
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
    <form className="vertex-import" onSubmit={(event) => void submit(event)} noValidate aria-label="Import a Vertex AI service account">
      {error ? <Notice tone="error" title="The key was not imported">{error}</Notice> : null}
      <div className="form-grid">
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            Service-account key (JSON)
          </label>
          <input key={picker} id={fileId} className="input" type="file" accept="application/json,.json" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          <p className="field-help">Google Cloud console → IAM → Service accounts → Keys → Add key → JSON.</p>
        </div>
        <Field label="Location" help="The Vertex AI region, e.g. us-central1, europe-west4, or global.">
          {({ id, describedBy }) => <input id={id} className="input" value={location} aria-describedby={describedBy} onChange={(event) => setLocation(event.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={saving}>
          Import key
        </Button>
      </div>
    </form>
  );
}
