/** A config.yaml the proxy cannot use, with where the problem is and what to do about it. */

export interface ConfigProblem {
  /** Dotted key path, e.g. `openai-compatibility.0.base-url`; empty when the problem is not under a key. */
  key: string;
  /** 1-based; absent when the problem has no place in the file (e.g. the file cannot be read). */
  line?: number;
  /** 1-based. */
  column?: number;
  /** What is wrong and how to fix it, without the location prefix. */
  message: string;
}

/** `file:line:column: key: message`, leaving out the parts that are unknown. */
export function formatConfigProblem(file: string, problem: ConfigProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  return problem.key ? `${where}: ${problem.key}: ${problem.message}` : `${where}: ${problem.message}`;
}

/**
 * Thrown by the loader. `file`, `line`, `column`, `key` and `reason` describe the first problem; `problems`
 * lists all of them (the message has one line per problem).
 */
export class ConfigError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly key: string;
  /** The first problem's message without the location prefix (for UIs that show the location separately). */
  readonly reason: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: ConfigProblem | readonly ConfigProblem[], options?: { cause?: unknown }) {
    const list = Array.isArray(problems) ? [...problems] : [problems as ConfigProblem];
    if (list.length === 0) throw new TypeError('ConfigError needs at least one problem');
    super(list.map((problem) => formatConfigProblem(file, problem)).join('\n'), { cause: options?.cause });
    this.name = 'ConfigError';
    const first = list[0];
    this.file = file;
    this.line = first.line;
    this.column = first.column;
    this.key = first.key;
    this.reason = first.message;
    this.problems = list;
  }
}
