/**
 * Editor extensions and apps that keep their settings in their own storage: the exact values to paste,
 * and Cherry Studio's provider import link (cherrystudio://providers/api-keys?v=1&data=<base64 JSON>), the
 * one import route we could verify in the app's own source.
 */
import type { GuidedClient, GuidedStep, SetupTarget } from '../client-definition.js';

function openAiCompatibleSteps(provider: string, target: SetupTarget, extra: GuidedStep[] = []): GuidedStep[] {
  return [
    { label: 'API provider', value: provider },
    { label: 'Base URL', value: `${target.baseUrl}/v1` },
    { label: 'API key', value: target.apiKey, secret: true },
    { label: 'Model ID', value: target.model ?? target.models[0] ?? '(log in to a provider first)' },
    ...extra,
  ];
}

export const cline: GuidedClient = {
  kind: 'guided',
  id: 'cline',
  name: 'Cline',
  summary: 'Settings → API Provider "OpenAI Compatible"',
  steps: (target) => openAiCompatibleSteps('OpenAI Compatible', target),
};

export const rooCode: GuidedClient = {
  kind: 'guided',
  id: 'roo-code',
  name: 'Roo Code',
  summary: 'Settings → Providers → API Provider "OpenAI Compatible"',
  steps: (target) => openAiCompatibleSteps('OpenAI Compatible', target),
};

export const kiloCode: GuidedClient = {
  kind: 'guided',
  id: 'kilo-code',
  name: 'Kilo Code',
  summary: 'Settings → Providers → API Provider "OpenAI Compatible"',
  steps: (target) => openAiCompatibleSteps('OpenAI Compatible', target),
};

export function cherryStudioLink(target: SetupTarget): string {
  const data = Buffer.from(JSON.stringify({ id: 'cliproxy-desktop', name: 'CLIProxy Desktop', type: 'openai', baseUrl: target.baseUrl, apiKey: target.apiKey }), 'utf8').toString('base64');
  return `cherrystudio://providers/api-keys?${new URLSearchParams({ v: '1', data }).toString()}`;
}

export const cherryStudio: GuidedClient = {
  kind: 'guided',
  id: 'cherry-studio',
  name: 'Cherry Studio',
  summary: 'open the import link, or add an "OpenAI" provider by hand',
  steps: (target) => [
    { label: 'Provider type', value: 'OpenAI' },
    { label: 'API host', value: target.baseUrl },
    { label: 'API key', value: target.apiKey, secret: true },
  ],
  link: cherryStudioLink,
};
