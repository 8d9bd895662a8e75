import { vertexRecordFromKey } from '../../providers/index.js';
import { readRequestBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, managementError } from './respond-management.js';
import type { ManagementServices } from './services.js';

const KEY_LIMIT_BYTES = 64 * 1024;

/** The key file and location from a multipart form (`file`, `location`, as CLIProxyAPI's panel sends) or a JSON body. */
async function readKey(contentType: string, raw: Buffer, queryLocation: string | null): Promise<{ data: unknown; location?: string }> {
  const location = queryLocation?.trim() || undefined;
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
    const file = form.get('file');
    if (!file || typeof file === 'string') throw managementError(400, 'file is required: send the service account’s JSON key as the form field "file".');
    const formLocation = form.get('location');
    return { data: parse(await file.text()), location: (typeof formLocation === 'string' && formLocation.trim()) || location };
  }
  return { data: parse(raw.toString('utf8')), location };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw managementError(400, `The key file is not JSON (${(error as Error).message}); upload the JSON key downloaded from the Google Cloud console.`);
  }
}

/**
 * `POST /vertex/import` (CLIProxyAPI's route): a service account's JSON key → `vertex-<project>.json` in the auth
 * folder. Answers `{status, auth-file, project_id, email, location}` like the reference; the private key is never echoed.
 */
export function registerVertexRoutes(router: Router, services: ManagementServices): void {
  router.add('POST', `${MANAGEMENT_BASE}/vertex/import`, managed(services, async (context) => {
    const raw = await readRequestBody(context.req, KEY_LIMIT_BYTES);
    const { data, location } = await readKey(String(context.req.headers['content-type'] ?? ''), raw, context.url.searchParams.get('location'));
    let record;
    try {
      record = vertexRecordFromKey(data, location);
    } catch (error) {
      throw managementError(400, `${(error as Error).message}.`);
    }
    const saved = await services.accounts.save('vertex', record);
    services.log('info', `vertex: imported the service account ${record.label}`);
    sendJson(context.res, 200, { status: 'ok', 'auth-file': saved.file, project_id: record.attributes.projectId, email: record.email, location: record.attributes.location });
  }));
}
