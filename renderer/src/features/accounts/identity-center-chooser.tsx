import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useModel } from '../../app/index.js';
import { Button } from '../../components/index.js';
import type { LoginPanel as LoginPanelState } from '../../stores/index.js';

/** Kiro: log in through an organisation's IAM Identity Center (start URL + region); both empty = AWS Builder ID. */
export function IdentityCenterChooser({ panel }: { panel: LoginPanelState }) {
  const model = useModel();
  const { t } = useTranslation('accounts');
  const [startUrl, setStartUrl] = useState(panel.identityCenter?.startUrl ?? '');
  const [region, setRegion] = useState(panel.identityCenter?.region ?? '');
  const urlId = useId();
  const regionId = useId();
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void model.accounts.getState().chooseIdentityCenter(startUrl, region);
  };
  return (
    <form className="login-identity-center" onSubmit={submit} aria-label={t('login.identityCenter')} aria-describedby={hintId}>
      <div className="small">
        {t('login.identityCenter')} <span className="muted" id={hintId}>{t('login.identityCenterHint')}</span>
      </div>
      <div className="login-identity-center-fields">
        <div className="field">
          <label htmlFor={urlId} className="field-label">
            {t('login.startUrl')}
          </label>
          <input id={urlId} className="input input-sm" type="url" value={startUrl} onChange={(event) => setStartUrl(event.target.value)} placeholder="https://my-org.awsapps.com/start" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={regionId} className="field-label">
            {t('login.region')}
          </label>
          <input id={regionId} className="input input-sm" value={region} onChange={(event) => setRegion(event.target.value)} placeholder="us-east-1" spellCheck={false} />
        </div>
        <Button size="sm" type="submit">
          {startUrl.trim() ? t('login.useIdentityCenter') : t('login.useBuilderId')}
        </Button>
      </div>
    </form>
  );
}
