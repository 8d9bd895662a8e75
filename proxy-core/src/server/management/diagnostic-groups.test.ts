import { describe, expect, it } from 'vitest';
import { createCheckDefinitions } from '../../diagnostics/index.js';
import { DIAGNOSTIC_AREAS, groupDiagnosticChecks, type DiagnosticCheck } from './contract.js';

const check = (id: string, area: string, status: DiagnosticCheck['status'], extra: Partial<DiagnosticCheck> = {}): DiagnosticCheck => ({ id, title: id, area, status, summary: `${id} summary`, evidence: {}, ...extra });

describe('troubleshooting checks grouped by area (the page and doctor)', () => {
  it('puts areas with failures first, then warnings; failures before warnings; passing, not run and not applicable apart', () => {
    const groups = groupDiagnosticChecks([
      check('config-file', 'Setup', 'pass'),
      check('management', 'Setup', 'unknown'),
      check('port', 'Ports', 'warn'),
      check('credentials', 'Accounts and logins', 'pass'),
      check('cooldowns', 'Accounts and logins', 'unknown', { ran: false }),
      check('amp-env', 'Clients', 'warn'),
      check('client-keys', 'Clients', 'fail'),
      check('provider-kiro', 'Providers', 'unknown', { applies: false }),
      check('provider-copilot', 'Providers', 'warn', { applies: false }),
    ]);
    expect(groups.map((group) => group.area)).toEqual(['Clients', 'Ports', 'Setup', 'Accounts and logins', 'Providers']);
    const ids = (list: DiagnosticCheck[]) => list.map((item) => item.id);
    expect(ids(groups[0].problems)).toEqual(['client-keys', 'amp-env']);
    expect(ids(groups[2].undecided)).toEqual(['management']);
    expect(ids(groups[2].passing)).toEqual(['config-file']);
    expect(ids(groups[3].notRun)).toEqual(['cooldowns']);
    expect(ids(groups[4].notApplicable)).toEqual(['provider-kiro', 'provider-copilot']);
    expect(groups[4].problems).toEqual([]);
  });

  it('every check definition has one of the known areas', () => {
    const areas = new Set(createCheckDefinitions().map((definition) => definition.area));
    expect([...areas]).toEqual([...DIAGNOSTIC_AREAS]);
  });
});
