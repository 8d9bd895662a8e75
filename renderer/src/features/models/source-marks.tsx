import { useTranslation } from 'react-i18next';
import type { ModelSourceMark } from '../../api/index.js';

/** Where a model id came from: live, configured, built-in (text marks, never colour alone). */
export function SourceMarks({ sources, label }: { sources: readonly ModelSourceMark[] | undefined; label?: string }) {
  const { t } = useTranslation('models');
  if (!sources || sources.length === 0) return null;
  return (
    <span className="source-marks" aria-label={label ?? t('source.label', { sources: sources.map((source) => t(`source.${source}`)).join(', ') })}>
      {sources.map((source) => (
        <span key={source} className={`source-mark source-${source}`} title={t(`source.${source}Title`)} data-source={source}>
          {t(`source.${source}`)}
        </span>
      ))}
    </span>
  );
}
