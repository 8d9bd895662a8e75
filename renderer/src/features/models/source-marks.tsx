import type { ModelSourceMark } from '../../api/index.js';

const TITLES: Record<ModelSourceMark, string> = {
  live: "Listed by the account's upstream in its last model-list lookup",
  configured: 'Named in a models: list in config.yaml',
  'built-in': "In the proxy's built-in catalogue (the offline fallback)",
};

/** Where a model id came from: live, configured, built-in (text marks, never colour alone). */
export function SourceMarks({ sources, label }: { sources: readonly ModelSourceMark[] | undefined; label?: string }) {
  if (!sources || sources.length === 0) return null;
  return (
    <span className="source-marks" aria-label={label ?? `Sources: ${sources.join(', ')}`}>
      {sources.map((source) => (
        <span key={source} className={`source-mark source-${source}`} title={TITLES[source]} data-source={source}>
          {source}
        </span>
      ))}
    </span>
  );
}
