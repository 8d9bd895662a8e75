import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Words } from '../stores/index.js';

/** The words for account states, token facts and quota lines (stores/subscription-accounts.ts) in the dashboard's language. */
export function useAccountWords(): Words {
  const { t, i18n } = useTranslation('accounts');
  return useMemo(() => ({ t: (key: string, values?: Record<string, unknown>) => t(key, values ?? {}), language: i18n.language }), [t, i18n.language]);
}
