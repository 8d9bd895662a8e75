import type { CheckDefinition, CheckOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';
import { describeUnserved, unservedNow } from './checks-requested-models.js';
import { credentialName, credentialsOf, hasModel, listedModelIds } from './inventory.js';

async function runInventory(context: DiagnosticsContext): Promise<CheckOutcome> {
  const state = context.proxy!.runtime.current();
  const models = state.registry.list();
  const collisions: Array<{ model: string; routesTo: string[] }> = [];
  for (const model of models) {
    const bindings = state.registry.bindings(model.id) ?? [];
    const targets = [...new Set(bindings.map((binding) => `${binding.credential.group}:${binding.upstreamModel}`))].sort();
    // `openrouter/openai/gpt-4o` and `gpt-4o` are the same model under a vendor prefix, not a collision.
    const upstreamNames = new Set(bindings.map((binding) => binding.upstreamModel.toLowerCase().split('/').at(-1)));
    if (upstreamNames.size > 1) collisions.push({ model: model.id, routesTo: targets });
  }
  const hiddenAll = state.credentials
    .filter((credential) => !credential.disabled && context.proxy!.runtime.providers.has(credential.provider) && state.registry.modelsOf(credential.id).length === 0)
    .map((credential) => ({
      credential: credentialName(credential),
      excludedModels: [...credential.excludedModels, ...(credential.kind === 'oauth' ? (state.config.oauthExcludedModels[credential.provider] ?? []) : [])],
    }));
  const evidence = {
    models: models.length,
    credentials: state.credentials.length,
    forceModelPrefix: state.config.forceModelPrefix,
    prefixes: [...new Set(state.credentials.flatMap((credential) => (credential.prefix ? [credential.prefix] : [])))],
    aliasCollisions: collisions,
    credentialsWithNoModel: hiddenAll,
    requestedButNotServed: unservedNow(context).map((row) => row.model),
  };
  if (models.length === 0) {
    return {
      status: 'fail',
      summary: 'No model is available: every request answers "model not found".',
      evidence,
      remediation: 'Add an account or key, re-enable a disabled one, or loosen excluded-models.',
    };
  }
  const problems: string[] = [];
  if (collisions.length > 0) problems.push(`${collisions.length} id(s) route to different upstream models depending on the credential picked (${collisions.slice(0, 3).map((item) => `${item.model} → ${item.routesTo.join(' | ')}`).join('; ')})`);
  if (evidence.requestedButNotServed.length > 0) {
    problems.push(`clients asked for ${evidence.requestedButNotServed.length} id(s) in the last 24 h that no account serves (${describeUnserved(unservedNow(context), 3)}; see the "Models clients asked for" check)`);
  }
  if (hiddenAll.length > 0) problems.push(`${hiddenAll.length} credential(s) serve no model because excluded-models hides all of them (${hiddenAll.map((item) => item.credential).join(', ')})`);
  if (problems.length > 0) {
    return { status: 'warn', summary: `${models.length} model(s) listed, but ${problems.join('; ')}.`, evidence, remediation: 'Give each alias one meaning (models[].alias), and narrow the excluded-models patterns named in the evidence.' };
  }
  return {
    status: 'pass',
    summary: `${models.length} model(s) listed from ${state.credentials.length} credential(s); no alias collision, no credential hidden by excluded-models.`,
    evidence,
    remediation: state.config.forceModelPrefix ? 'force-model-prefix is on: clients must send prefixed ids (team-a/model).' : undefined,
  };
}

async function runCodexModels(context: DiagnosticsContext): Promise<CheckOutcome> {
  const listed = await listedModelIds(context);
  if (!listed) return { status: 'unknown', summary: 'The model list could not be read.', evidence: {} };
  const codex = hasModel(listed.ids, 'gpt-5.3-codex');
  const spark = hasModel(listed.ids, 'gpt-5.3-codex-spark');
  const sparkFailures = context.proxy?.usage.recent({ limit: 1000 }).filter((record) => record.requestedModel.endsWith('gpt-5.3-codex-spark') && (record.status === 400 || record.status === 404)).length ?? null;
  const evidence = { source: listed.source, 'gpt-5.3-codex': codex, 'gpt-5.3-codex-spark': spark, recentSparkFailures: sparkFailures };
  if (!codex && !spark) {
    const codexCredentials = credentialsOf(context).filter((credential) => credential.provider === 'codex').length;
    if (codexCredentials === 0 && context.proxy) return { status: 'unknown', summary: 'No Codex (ChatGPT) login or codex-api-key is configured, so GPT-5.3 Codex models are not offered.', evidence, remediation: 'Log in with Codex, or add a codex-api-key.', applies: false };
    return { status: 'warn', summary: 'Neither gpt-5.3-codex nor gpt-5.3-codex-spark is listed.', evidence, remediation: 'Check the Codex credentials\' models / excluded-models, and that the account has the model.' };
  }
  if (spark && sparkFailures) {
    return { status: 'warn', summary: `gpt-5.3-codex-spark is listed but failed ${sparkFailures} time(s) with 400/404 recently: the account tier (plus/team) does not include Spark.`, evidence, remediation: 'Use gpt-5.3-codex instead; the failing account is cooled for Spark and others are tried first.' };
  }
  if (spark) {
    return { status: codex ? 'pass' : 'warn', summary: `gpt-5.3-codex-spark is listed${codex ? ', with gpt-5.3-codex to fall back on' : ', but gpt-5.3-codex is not'}; plus/team accounts may still refuse Spark (400/404).`, evidence, remediation: 'If Spark fails for your plan, ask for gpt-5.3-codex; the failing account is cooled for Spark only.' };
  }
  return { status: 'pass', summary: 'gpt-5.3-codex is listed; gpt-5.3-codex-spark is not offered by your accounts, so use gpt-5.3-codex.', evidence };
}

async function runClaudeInCodex(context: DiagnosticsContext): Promise<CheckOutcome> {
  const listed = await listedModelIds(context);
  if (!listed) return { status: 'unknown', summary: 'The model list could not be read.', evidence: {} };
  const claude = listed.ids.filter((id) => /claude-(opus|sonnet|haiku)/.test(id));
  const aliases = context.config().loaded?.config.oauthModelAlias.claude ?? [];
  const evidence = { source: listed.source, claudeModels: claude, oauthModelAliasClaude: aliases.map((alias) => `${alias.name} → ${alias.alias}${alias.fork ? ' (fork)' : ''}`) };
  if (claude.length > 0) {
    return { status: 'pass', summary: `${claude.length} Claude model(s) are listed; Codex CLI can use them by id (the proxy translates the Responses API to Claude).`, evidence, remediation: 'In Codex CLI set model = "<id from the list>" with the proxy as base URL.' };
  }
  const claudeCredentials = credentialsOf(context).filter((credential) => credential.provider === 'claude').length;
  if (claudeCredentials === 0) return { status: 'unknown', summary: 'No Claude account or key is configured, so no Claude model is offered.', evidence, remediation: 'Log in with Claude Code, or add a claude-api-key.', applies: false };
  return { status: 'warn', summary: `${claudeCredentials} Claude credential(s) exist but no claude-opus/sonnet/haiku id is listed.`, evidence, remediation: 'Check oauth-model-alias and excluded-models for the claude channel, reload, and look at /v1/models again.' };
}

async function runCompact(context: DiagnosticsContext): Promise<CheckOutcome> {
  const proxy = context.proxy!;
  const state = proxy.runtime.current();
  const capable = state.credentials.filter((credential) => !credential.disabled && proxy.runtime.providers.get(credential.provider)?.operations.includes('compact'));
  const models = [...new Set(capable.flatMap((credential) => state.registry.modelsOf(credential.id)))];
  const evidence = { responsesUpstreams: capable.map(credentialName), compactModels: models.slice(0, 50), streaming: 'not supported (400)' };
  if (capable.length === 0) {
    return {
      status: 'warn',
      summary: 'No OpenAI Responses upstream is configured: POST /v1/responses/compact answers 501 for every model.',
      evidence,
      remediation: 'Add a codex-api-key (or log in with Codex) for compact; for streaming flows use /v1/responses or /v1/chat/completions.',
    };
  }
  return {
    status: 'pass',
    summary: `/v1/responses/compact works non-stream on ${models.length} model(s) from ${capable.length} Responses upstream(s); "stream": true is refused with a 400 that says so.`,
    evidence,
    remediation: 'Use compact only with "stream": false; for streaming keep /v1/responses or /v1/chat/completions.',
  };
}

/** Upstream dialects that return several candidates (`n` / `candidateCount`); others answer one with a warning header. */
const MULTI_CANDIDATE_FORMATS = new Set(['openai-chat', 'gemini']);

async function runMultiCandidate(context: DiagnosticsContext): Promise<CheckOutcome> {
  const groups: Record<string, boolean> = {};
  for (const credential of credentialsOf(context)) {
    const format = context.providers.get(credential.provider)?.format;
    if (format) groups[credential.group] = MULTI_CANDIDATE_FORMATS.has(format);
  }
  return {
    status: 'pass',
    summary: 'Nothing to run: n / candidate_count > 1 is honoured by Chat-style and Gemini upstreams; others return one candidate with an x-cliproxy-warning header and a log line, never a silent fan-out.',
    evidence: { multiCandidateByProvider: groups },
    remediation: 'Send n / candidate_count: 1 to providers marked false, or route multi-candidate requests to one marked true.',
  };
}

export const routingChecks: readonly CheckDefinition[] = [
  {
    id: 'model-inventory',
    title: 'Model inventory, aliases and exclusions',
    symptom: '`Model not found` / `bad model`; a model is missing after a refresh',
    cause: 'Alias/prefix/model map mismatch, aliases that collide, or excluded-models hiding every model of a credential',
    needs: 'proxy',
    run: runInventory,
  },
  {
    id: 'codex-models',
    title: 'GPT-5.3 Codex and Spark',
    symptom: '`gpt-5.3-codex-spark` fails for plus/team; `codex5.3` availability unclear',
    cause: 'The account tier does not expose Spark even if config lists it',
    needs: 'client',
    run: runCodexModels,
  },
  {
    id: 'claude-in-codex',
    title: 'Claude models in Codex CLI',
    symptom: 'Cannot use Claude models in Codex CLI',
    cause: 'Claude model ids are not exposed (oauth-model-alias bridge missing or excluded)',
    needs: 'client',
    run: runClaudeInCodex,
  },
  {
    id: 'responses-compact',
    title: '/v1/responses/compact',
    symptom: '`/v1/responses/compact` fails or hangs',
    cause: 'Streaming is not supported for compact, or no OpenAI Responses upstream serves the model',
    needs: 'proxy',
    run: runCompact,
  },
  {
    id: 'multi-candidate',
    title: 'candidate_count / n > 1',
    symptom: '`candidate_count` > 1 returns only one answer',
    cause: 'The provider path does not support multi-candidate fan-out',
    needs: 'files',
    run: runMultiCandidate,
  },
];
