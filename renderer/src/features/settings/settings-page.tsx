import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Notice, PageHeader } from '../../components/index.js';
import { BackupCard } from './backup-card.js';
import { SettingsForm } from './settings-form.js';
import { YamlEditor } from './yaml-editor.js';

const TABS = [{ id: 'general' }, { id: 'yaml' }] as const;
type TabId = (typeof TABS)[number]['id'];

export function SettingsPage() {
  const model = useModel();
  const lastWrite = useStore(model.settings, (state) => state.lastWrite);
  const file = useStore(model.settings, (state) => state.config.data?.file);
  const { t } = useTranslation('settings');
  const [tab, setTab] = useState<TabId>('general');
  const base = useId();
  useEffect(() => {
    void model.settings.getState().load();
  }, [model.settings]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((item) => item.id === tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    setTab(next.id);
    document.getElementById(`${base}-tab-${next.id}`)?.focus();
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={file ? <Trans t={t} i18nKey="storedIn" values={{ path: file.path }} components={{ mono: <span className="mono" /> }} /> : t('description')}
      />
      {lastWrite && !lastWrite.persisted ? (
        <Notice tone="warn" title={t('notSaved')}>
          {t('notSavedText', { reason: lastWrite.reason ?? t('readOnly') })}
        </Notice>
      ) : null}
      <div className="tabs" role="tablist" aria-label={t('views')} onKeyDown={onKeyDown}>
        {TABS.map((item) => (
          <button
            key={item.id}
            id={`${base}-tab-${item.id}`}
            type="button"
            role="tab"
            className={`tab${tab === item.id ? ' tab-active' : ''}`}
            aria-selected={tab === item.id}
            aria-controls={`${base}-panel-${item.id}`}
            tabIndex={tab === item.id ? 0 : -1}
            onClick={() => setTab(item.id)}
          >
            {t(`tab.${item.id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${tab}`} aria-labelledby={`${base}-tab-${tab}`} className="tab-panel">
        {tab === 'general' ? (
          <>
            <SettingsForm />
            <BackupCard />
          </>
        ) : (
          <YamlEditor />
        )}
      </div>
    </>
  );
}
