import { Trans, useTranslation } from 'react-i18next';
import type { CredentialView, ModelView } from '../../api/index.js';
import { StatusPill, Switch } from '../../components/index.js';
import { formatClock } from '../../format/index.js';
import { exclusionName, hideTarget } from '../../stores/index.js';
import { SourceMarks } from './source-marks.js';

export function ModelTable({ models, clientIds, credentials, busy, onHide, onSwitchOff }: {
  models: ModelView[];
  clientIds: Set<string> | null;
  credentials: CredentialView[];
  busy: Record<string, boolean>;
  onHide(credential: CredentialView, modelId: string): void;
  /** Switches the model off for every key and account (PATCH /models/:id). */
  onSwitchOff(modelId: string): void;
}) {
  const { t } = useTranslation('models');
  const sourceNames = (sources: readonly string[] | undefined) => (sources ?? []).map((source) => t(`source.${source}`)).join(', ');
  const byId = new Map(credentials.map((credential) => [credential.id, credential]));
  return (
    <div className="table-wrap">
      <table className="table models-table">
        <thead>
          <tr>
            <th scope="col">{t('table.model')}</th>
            <th scope="col">{t('table.servedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id} data-model={model.id}>
              <td className="model-cell">
                <div className="model-id mono">{model.id}</div>
                <SourceMarks sources={model.sources} label={t('table.comesFrom', { model: model.id, sources: sourceNames(model.sources) })} />
                <div className="model-tags">
                  {clientIds && !clientIds.has(model.id) ? <StatusPill tone="warn" label={t('table.notListed')} /> : null}
                  <span className="small muted">{model.ownedBy}</span>
                </div>
                <div className="model-switch small muted">
                  <Switch checked disabled={busy[`model|${model.id}`]} label={t('table.switchOff', { model: model.id })} onChange={() => onSwitchOff(model.id)} />
                  <span>{t('table.onEverywhere')}</span>
                </div>
              </td>
              <td>
                <ul className="binding-list">
                  {(() => {
                    // excluded-models belongs to a key entry; an OpenAI-compatible entry can hold several keys,
                    // so its switch is shown once per model, on the entry's first key.
                    const entriesSeen = new Set<string>();
                    return model.credentials.map((binding) => {
                    const credential = byId.get(binding.id);
                    const alias = credential ? exclusionName(credential, model.id) : model.id;
                    const prefixed = credential?.prefix && model.id.startsWith(`${credential.prefix}/`);
                    const target = credential ? hideTarget(credential) : null;
                    const entryKey = target ? `${target.list}#${target.index}` : null;
                    const firstOfEntry = entryKey !== null && !entriesSeen.has(entryKey);
                    if (entryKey) entriesSeen.add(entryKey);
                    const entryName = credential?.provider.startsWith('openai-compatible') ? credential.group : binding.label;
                    const busyKey = `${binding.id}|${model.id}`;
                    return (
                      <li key={binding.id} className="binding">
                        <div className="binding-main">
                          <span className="binding-label">{binding.label}</span>
                          <SourceMarks sources={binding.sources} label={t('table.hasFrom', { label: binding.label, model: model.id, sources: sourceNames(binding.sources) })} />
                          {model.next === binding.id && model.credentials.length > 1 ? <span className="next-badge" title={t('table.nextTitle')}>{t('table.next')}</span> : null}
                          <StatusPill state={binding.state} label={binding.state === 'cooling' && binding.cooldownUntil ? t('table.coolingUntil', { time: formatClock(binding.cooldownUntil) }) : undefined} />
                        </div>
                        <div className="small muted">
                          <Trans t={t} i18nKey={binding.upstreamModel !== alias ? 'table.aliasOf' : 'table.upstream'} values={{ model: binding.upstreamModel }} components={{ mono: <span className="mono" /> }} />
                          {prefixed ? <Trans t={t} i18nKey="table.prefix" values={{ prefix: `${credential!.prefix}/` }} components={{ mono: <span className="mono" /> }} /> : null}
                        </div>
                        <div className="binding-toggle">
                          {target && firstOfEntry ? (
                            <Switch checked disabled={busy[busyKey]} label={t('table.hideFor', { model: model.id, entry: entryName })} onChange={() => credential && onHide(credential, model.id)} />
                          ) : target ? (
                            <span className="small muted">{t('table.sameEntry')}</span>
                          ) : (
                            <span className="small muted" title={t('table.viaConfigTitle')}>
                              {t('table.viaConfig')}
                            </span>
                          )}
                        </div>
                      </li>
                    );
                    });
                  })()}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
