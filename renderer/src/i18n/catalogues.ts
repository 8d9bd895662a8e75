/** The message catalogues: one JSON file per language per area (namespace). Keys must match across languages (catalogues.test.ts). */
import enAccounts from './locales/en/accounts.json' with { type: 'json' };
import enCommon from './locales/en/common.json' with { type: 'json' };
import enLogs from './locales/en/logs.json' with { type: 'json' };
import enModels from './locales/en/models.json' with { type: 'json' };
import enTroubleshooting from './locales/en/troubleshooting.json' with { type: 'json' };
import enConnect from './locales/en/connect.json' with { type: 'json' };
import enToasts from './locales/en/toasts.json' with { type: 'json' };
import enOverview from './locales/en/overview.json' with { type: 'json' };
import enRequests from './locales/en/requests.json' with { type: 'json' };
import enSettings from './locales/en/settings.json' with { type: 'json' };
import enUsage from './locales/en/usage.json' with { type: 'json' };
import zhAccounts from './locales/zh-CN/accounts.json' with { type: 'json' };
import zhCommon from './locales/zh-CN/common.json' with { type: 'json' };
import zhLogs from './locales/zh-CN/logs.json' with { type: 'json' };
import zhModels from './locales/zh-CN/models.json' with { type: 'json' };
import zhTroubleshooting from './locales/zh-CN/troubleshooting.json' with { type: 'json' };
import zhConnect from './locales/zh-CN/connect.json' with { type: 'json' };
import zhToasts from './locales/zh-CN/toasts.json' with { type: 'json' };
import zhOverview from './locales/zh-CN/overview.json' with { type: 'json' };
import zhRequests from './locales/zh-CN/requests.json' with { type: 'json' };
import zhSettings from './locales/zh-CN/settings.json' with { type: 'json' };
import zhUsage from './locales/zh-CN/usage.json' with { type: 'json' };

export const NAMESPACES = ['common', 'overview', 'accounts', 'usage', 'logs', 'settings', 'models', 'troubleshooting', 'connect', 'toasts', 'requests'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const CATALOGUES = {
  en: { common: enCommon, overview: enOverview, accounts: enAccounts, usage: enUsage, logs: enLogs, settings: enSettings, models: enModels, troubleshooting: enTroubleshooting, connect: enConnect, toasts: enToasts, requests: enRequests },
  'zh-CN': { common: zhCommon, overview: zhOverview, accounts: zhAccounts, usage: zhUsage, logs: zhLogs, settings: zhSettings, models: zhModels, troubleshooting: zhTroubleshooting, connect: zhConnect, toasts: zhToasts, requests: zhRequests },
} as const;
