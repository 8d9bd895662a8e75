import { Tooltip } from '../../components/index.js';

const LOGINS = [
  { id: 'claude', label: 'Claude Code', hint: 'Claude Pro / Max' },
  { id: 'codex', label: 'Codex', hint: 'ChatGPT Plus / Pro' },
  { id: 'gemini-cli', label: 'Gemini CLI', hint: 'Google account' },
  { id: 'antigravity', label: 'Antigravity', hint: 'Google account' },
];

const NOT_YET = 'Subscription logins arrive in the next update';

/** Log-in buttons per subscription; the login API is not there yet, so they are shown switched off. */
export function SubscriptionLogins() {
  return (
    <div className="logins">
      {LOGINS.map((login) => (
        <Tooltip key={login.id} id={`login-tip-${login.id}`} text={NOT_YET}>
          <button type="button" className="login-button" aria-disabled="true" aria-describedby={`login-tip-${login.id}`} onClick={(event) => event.preventDefault()}>
            <span className="login-name">Log in with {login.label}</span>
            <span className="login-hint">{login.hint}</span>
          </button>
        </Tooltip>
      ))}
    </div>
  );
}
