/** One diagnostic, shaped for both `cliproxyctl doctor --json` and the dashboard's troubleshooting page. */
export interface CheckResult {
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'warn' | 'unknown';
  /** One sentence a user can act on. */
  summary: string;
  /** What was looked at (paths, modes, counts…), never secrets. */
  evidence: Record<string, unknown>;
  /** What to do when the check does not pass. */
  remediation?: string;
}
