import { describe, it } from 'vitest';

type Describe = (name: string, body: () => void) => void;
type Environment = Readonly<Record<string, string | undefined>>;

/** Run when the prerequisite is here; without it skip on a developer's machine, fail under CI (`CI` set). */
export function prerequisiteOutcome(available: unknown, env: Environment = process.env): 'run' | 'skip' | 'fail' {
  if (available) return 'run';
  return env.CI ? 'fail' : 'skip';
}

/**
 * `describe` when what the tests need is here; otherwise a skip on a developer's machine, but a failing test
 * under CI, so a CI machine that lacks it (a second network interface, a browser…) fails loudly instead of
 * skipping silently. `missing` says what is absent and how to provide it.
 */
export function describeWhen(available: unknown, missing: string, env: Environment = process.env): Describe {
  const outcome = prerequisiteOutcome(available, env);
  if (outcome === 'run') return describe;
  if (outcome === 'skip') return describe.skip;
  return (name) =>
    describe(name, () => {
      it('has what it needs to run', () => {
        throw new Error(`${missing}. CI runs every test: a skip here is a failure.`);
      });
    });
}
