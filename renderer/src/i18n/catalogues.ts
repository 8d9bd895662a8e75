/** The message catalogues: one JSON file per language per area (namespace). Keys must match across languages (catalogues.test.ts). */
import enAccounts from './locales/en/accounts.json' with { type: 'json' };
import enCommon from './locales/en/common.json' with { type: 'json' };
import enLogs from './locales/en/logs.json' with { type: 'json' };
import enOverview from './locales/en/overview.json' with { type: 'json' };
import enSettings from './locales/en/settings.json' with { type: 'json' };
import enUsage from './locales/en/usage.json' with { type: 'json' };
import zhAccounts from './locales/zh-CN/accounts.json' with { type: 'json' };
import zhCommon from './locales/zh-CN/common.json' with { type: 'json' };
import zhLogs from './locales/zh-CN/logs.json' with { type: 'json' };
import zhOverview from './locales/zh-CN/overview.json' with { type: 'json' };
import zhSettings from './locales/zh-CN/settings.json' with { type: 'json' };
import zhUsage from './locales/zh-CN/usage.json' with { type: 'json' };

export const NAMESPACES = ['common', 'overview', 'accounts', 'usage', 'logs', 'settings'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const CATALOGUES = {
  en: { common: enCommon, overview: enOverview, accounts: enAccounts, usage: enUsage, logs: enLogs, settings: enSettings },
  'zh-CN': { common: zhCommon, overview: zhOverview, accounts: zhAccounts, usage: zhUsage, logs: zhLogs, settings: zhSettings },
} as const;
