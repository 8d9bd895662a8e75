import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Card, CopyButton, Notice, Switch } from '../../components/index.js';

/** Settings → Network: listen on the LAN (needs a client key; shows the LAN URLs and a warning) or this computer only. */
export function LanCard() {
  const model = useModel();
  const { t } = useTranslation('settings');
  const { network, busy, error, lastWrite, load, setLan } = useStore(model.network);
  useEffect(() => {
    void load();
  }, [load]);
  const noKey = network !== null && network.clientKeys === 0;
  const toast = model.toasts.getState();

  return (
    <Card title={t('lan.title')} description={t('lan.description')} className="lan-card">
      <div className="switch-row">
        <Switch checked={network?.lan ?? false} disabled={network === null || busy || (noKey && !network.lan)} label={t('lan.label')} onChange={(checked) => void setLan(checked)} />
        <span>{network?.lan ? t('lan.on', { host: network.host, port: network.port }) : t('lan.off', { port: network?.port ?? '' })}</span>
      </div>
      {noKey && !network.lan ? <Notice tone="info">{t('lan.needsKey')}</Notice> : null}
      {network?.lan ? (
        <Notice tone="warn" title={t('lan.warningTitle')}>
          <p>{t('lan.warning')}</p>
          {network.lanUrls.length > 0 ? (
            <ul className="lan-urls" aria-label={t('lan.urls')}>
              {network.lanUrls.map((url) => (
                <li key={url}>
                  <code className="code-chip">{url}</code>
                  <CopyButton label={t('common:action.copy')} text={() => url} onError={(message) => toast.show('error', message)} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('lan.noAddress')}</p>
          )}
        </Notice>
      ) : null}
      {lastWrite && !lastWrite.persisted ? <Notice tone="warn">{t('lan.notSaved', { reason: lastWrite.reason ?? 'config.yaml' })}</Notice> : null}
      {error ? <Notice tone="error" title={t('lan.failed')}>{error}</Notice> : null}
    </Card>
  );
}
