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
  const byId = new Map(credentials.map((credential) => [credential.id, credential]));
  return (
    <div className="table-wrap">
      <table className="table models-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Served by</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id} data-model={model.id}>
              <td className="model-cell">
                <div className="model-id mono">{model.id}</div>
                <SourceMarks sources={model.sources} label={`${model.id} comes from: ${(model.sources ?? []).join(', ')}`} />
                <div className="model-tags">
                  {clientIds && !clientIds.has(model.id) ? <StatusPill tone="warn" label="Not listed for clients" /> : null}
                  <span className="small muted">{model.ownedBy}</span>
                </div>
                <div className="model-switch small muted">
                  <Switch checked disabled={busy[`model|${model.id}`]} label={`Switch ${model.id} off everywhere`} onChange={() => onSwitchOff(model.id)} />
                  <span>On for every account</span>
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
                          <SourceMarks sources={binding.sources} label={`${binding.label} has ${model.id} from: ${(binding.sources ?? []).join(', ')}`} />
                          {model.next === binding.id && model.credentials.length > 1 ? <span className="next-badge" title="The next request for this model tries this account first">Next</span> : null}
                          <StatusPill state={binding.state} label={binding.state === 'cooling' && binding.cooldownUntil ? `Cooling until ${formatClock(binding.cooldownUntil)}` : undefined} />
                        </div>
                        <div className="small muted">
                          {binding.upstreamModel !== alias ? (
                            <>
                              alias of <span className="mono">{binding.upstreamModel}</span>
                            </>
                          ) : (
                            <>
                              upstream <span className="mono">{binding.upstreamModel}</span>
                            </>
                          )}
                          {prefixed ? (
                            <>
                              {' '}
                              · prefix <span className="mono">{credential!.prefix}/</span>
                            </>
                          ) : null}
                        </div>
                        <div className="binding-toggle">
                          {target && firstOfEntry ? (
                            <Switch checked disabled={busy[busyKey]} label={`Hide ${model.id} for ${entryName}`} onChange={() => credential && onHide(credential, model.id)} />
                          ) : target ? (
                            <span className="small muted">same entry</span>
                          ) : (
                            <span className="small muted" title="Models of logged-in accounts are hidden with oauth-excluded-models in config.yaml (Settings).">
                              via config.yaml
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
