import { promises as fsPromises } from 'node:fs';
import { z } from 'zod';
import { writeJsonFileAtomic } from '../credentials/account-files.js';
import type { ModelListStore, PersistedModelLists } from './model-list-refresher.js';

const fileSchema = z.object({
  version: z.literal(1),
  lists: z.record(
    z.string(),
    z.object({
      okAt: z.number(),
      models: z.array(
        z.object({
          id: z.string().min(1),
          displayName: z.string().optional(),
          contextLength: z.number().optional(),
          maxOutputTokens: z.number().optional(),
          created: z.number().optional(),
        }),
      ),
    }),
  ),
});

/**
 * The live model lists on disk (`<data dir>/model-lists.json`, written atomically), so a restart starts with
 * the last known lists. A missing or unreadable file is simply no lists: the next lookups fill them again.
 */
export function createModelListFile(file: string): ModelListStore {
  return {
    async load() {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(await fsPromises.readFile(file, 'utf8')));
        return parsed.success ? (parsed.data as PersistedModelLists) : undefined;
      } catch {
        return undefined;
      }
    },
    save: (data) => writeJsonFileAtomic(file, data),
  };
}
