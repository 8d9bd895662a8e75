import { useState } from 'react';
import { Card } from '../../components/index.js';
import { clientKeyLabel } from '../../format/index.js';
import type { UsageReport } from '../../stores/index.js';
import { BreakdownTable } from './breakdown-table.js';

const VIEWS = [
  { id: 'model', label: 'By model' },
  { id: 'credential', label: 'By account' },
  { id: 'client-key', label: 'By client key' },
] as const;

/** One card, three groupings of the same period (all loaded together, so switching is instant). */
export function Breakdowns({ report, labels }: { report: UsageReport; labels: Map<string, string> }) {
  const [view, setView] = useState<(typeof VIEWS)[number]['id']>('model');
  return (
    <Card
      title="Breakdown"
      description="Where the requests went, largest first."
      actions={
        <div className="segmented segmented-sm" role="group" aria-label="Group usage">
          {VIEWS.map((item) => (
            <button key={item.id} type="button" className={`segment${view === item.id ? ' segment-active' : ''}`} aria-pressed={view === item.id} onClick={() => setView(item.id)}>
              {item.label}
            </button>
          ))}
        </div>
      }
    >
      {view === 'model' ? <BreakdownTable caption="Usage by model" nameHeader="Model" rows={report.byModel} emptyText="No requests." /> : null}
      {view === 'credential' ? (
        <BreakdownTable
          caption="Usage by account"
          nameHeader="Account"
          rows={report.byCredential}
          labelFor={(key) => (key ? (labels.get(key) ?? `${key} (removed)`) : 'No account (the request failed)')}
          emptyText="No requests."
        />
      ) : null}
      {view === 'client-key' ? <BreakdownTable caption="Usage by client key" nameHeader="Client key" rows={report.byClientKey} labelFor={(key) => clientKeyLabel(key, report.byClientKey.map((row) => row.key))} emptyText="No requests." /> : null}
    </Card>
  );
}
