import type { DiagnosticCheck } from '../server/management/contract.js';

/**
 * One diagnostic, shaped for both `cliproxyctl doctor --json` and the dashboard's troubleshooting page: the
 * management contract's `DiagnosticCheck` (summary = one actionable sentence; evidence = what was looked at,
 * never secrets).
 */
export type CheckResult = DiagnosticCheck;
export type { DiagnosticCheck, DiagnosticFixResult, DiagnosticStatus } from '../server/management/contract.js';
