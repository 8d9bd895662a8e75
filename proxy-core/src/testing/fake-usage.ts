/**
 * Exact token counts for the fake's default answers, so tests can assert usage to the token. Counts follow the
 * OpenAI convention: `input` includes `cached`, `output` includes `reasoning`. Each vendor's writer spells them
 * its own way (Claude's `input_tokens` excludes cache reads; Gemini reports thoughts beside candidates).
 */
export interface FakeUsage {
  input: number;
  output: number;
  cached?: number;
  reasoning?: number;
}

/** The fake's usage setting: estimated from the bodies (default), exact numbers, or none at all (`'none'`). */
export type FakeUsageSetting = FakeUsage | 'none' | undefined;

/** The counts to report: the scripted ones, or the estimate from the request and answer text. */
export function pickUsage(setting: FakeUsageSetting, estimatedInput: number, estimatedOutput: number): Required<FakeUsage> {
  if (setting && setting !== 'none') return { cached: 0, reasoning: 0, ...setting };
  return { input: estimatedInput, output: estimatedOutput, cached: 0, reasoning: 0 };
}
