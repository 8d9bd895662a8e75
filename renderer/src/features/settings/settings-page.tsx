import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Notice, PageHeader } from '../../components/index.js';
import { SettingsForm } from './settings-form.js';
import { YamlEditor } from './yaml-editor.js';

const TABS = [
  { id: 'general', label: 'General' },
  { id: 'yaml', label: 'config.yaml' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function SettingsPage() {
  const model = useModel();
  const lastWrite = useStore(model.settings, (state) => state.lastWrite);
  const file = useStore(model.settings, (state) => state.config.data?.file);
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
      <PageHeader title="Settings" description={file ? <>Stored in <span className="mono">{file.path}</span>. Changes apply at once.</> : 'Proxy settings, stored in config.yaml. Changes apply at once.'} />
      {lastWrite && !lastWrite.persisted ? (
        <Notice tone="warn" title="The last change is live but not saved">
          {lastWrite.reason ?? 'config.yaml is read-only'}. It is lost when the proxy restarts; make the file writable and save again to keep it.
        </Notice>
      ) : null}
      <div className="tabs" role="tablist" aria-label="Settings views" onKeyDown={onKeyDown}>
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
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${tab}`} aria-labelledby={`${base}-tab-${tab}`} className="tab-panel">
        {tab === 'general' ? <SettingsForm /> : <YamlEditor />}
      </div>
    </>
  );
}
