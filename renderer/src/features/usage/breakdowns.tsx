import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/index.js';
import { clientKeyLabel } from '../../format/index.js';
import type { UsageReport } from '../../stores/index.js';
import { BreakdownTable } from './breakdown-table.js';

const VIEWS = [
  { id: 'model', label: 'breakdown.byModel' },
  { id: 'credential', label: 'breakdown.byAccount' },
  { id: 'client-key', label: 'breakdown.byClientKey' },
] as const;

/** One card, three groupings of the same period (all loaded together, so switching is instant). */
export function Breakdowns({ report, labels }: { report: UsageReport; labels: Map<string, string> }) {
  const { t } = useTranslation('usage');
  const [view, setView] = useState<(typeof VIEWS)[number]['id']>('model');
  return (
    <Card
      title={t('breakdown.title')}
      description={t('breakdown.description')}
      actions={
        <div className="segmented segmented-sm" role="group" aria-label={t('breakdown.group')}>
          {VIEWS.map((item) => (
            <button key={item.id} type="button" className={`segment${view === item.id ? ' segment-active' : ''}`} aria-pressed={view === item.id} onClick={() => setView(item.id)}>
              {t(item.label)}
            </button>
          ))}
        </div>
      }
    >
      {view === 'model' ? <BreakdownTable caption={t('breakdown.captionModel')} nameHeader={t('breakdown.model')} rows={report.byModel} emptyText={t('breakdown.none')} /> : null}
      {view === 'credential' ? (
        <BreakdownTable
          caption={t('breakdown.captionAccount')}
          nameHeader={t('breakdown.account')}
          rows={report.byCredential}
          labelFor={(key) => (key ? (labels.get(key) ?? t('breakdown.removed', { key })) : t('breakdown.noAccount'))}
          emptyText={t('breakdown.none')}
        />
      ) : null}
      {view === 'client-key' ? <BreakdownTable
          caption={t('breakdown.captionClientKey')}
          nameHeader={t('breakdown.clientKey')}
          rows={report.byClientKey}
          labelFor={(key) => (key ? clientKeyLabel(key, report.byClientKey.map((row) => row.key)) : t('breakdown.noKey'))}
          emptyText={t('breakdown.none')}
        /> : null}
    </Card>
  );
}
