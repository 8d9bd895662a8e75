/** The `--json` envelope, as cliproxyapi-plusplus's cliproxyctl prints it (inventory-server.md §7.2). */
export function envelope(command: string, ok: boolean, details: Record<string, unknown>): Record<string, unknown> {
  return { schema_version: 'cliproxyctl.response.v1', command, ok, timestamp: new Date().toISOString(), details };
}
