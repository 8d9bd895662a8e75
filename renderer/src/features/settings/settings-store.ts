import { createStore } from 'zustand/vanilla';
import { toApiError, type ConfigResponse, type ManagementClient, type WriteResult } from '../../api/index.js';
import { createLoader, describeWrite, emptyResource, ENGLISH_SAY, type Resource, type Say, type ToastStore } from '../../stores/index.js';
import { EDITABLE_FIELDS, readSetting, toConfigValue, validateSetting } from './settings-fields.js';

export interface YamlError {
  message: string;
  line?: number;
  column?: number;
}

export interface SettingsState {
  config: Resource<ConfigResponse>;
  /** Edited values by dotted key (strings for number inputs, as typed). */
  draft: Record<string, unknown>;
  fieldErrors: Record<string, string>;
  formError: YamlError | null;
  saving: boolean;
  /** The last write's answer (a `persisted: false` one is shown until the next write). */
  lastWrite: WriteResult | null;

  yamlOriginal: string | null;
  /** The editor's text; survives failed saves and page changes. */
  yamlText: string | null;
  yamlLoading: boolean;
  yamlSaving: boolean;
  yamlError: YamlError | null;

  load(): Promise<void>;
  setField(key: string, value: unknown): void;
  discard(): void;
  save(): Promise<boolean>;
  loadYaml(options?: { force?: boolean }): Promise<void>;
  setYamlText(text: string): void;
  saveYaml(): Promise<boolean>;
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export function createSettingsStore(client: ManagementClient, toasts: ToastStore, clock: { now(): number }, onSaved: () => void = () => undefined, say: Say = ENGLISH_SAY) {
  return createStore<SettingsState>()((set, get) => {
    const config = createLoader(set, get, 'config', () => clock.now());
    const toast = toasts.getState();
    const loadConfig = () => config(client.getConfig);

    const reportWrite = (result: WriteResult, what: string) => {
      const outcome = describeWrite(result, what, say);
      toast.show(outcome.tone, outcome.message);
      set({ lastWrite: result });
      onSaved();
    };

    return {
      config: emptyResource(),
      draft: {},
      fieldErrors: {},
      formError: null,
      saving: false,
      lastWrite: null,
      yamlOriginal: null,
      yamlText: null,
      yamlLoading: false,
      yamlSaving: false,
      yamlError: null,

      async load() {
        await loadConfig();
      },

      setField(key, value) {
        const field = EDITABLE_FIELDS.find((item) => item.key === key);
        if (!field) return;
        const draft = { ...get().draft };
        if (value === readSetting(get().config.data?.config, field) || (field.kind === 'number' && String(value) === String(readSetting(get().config.data?.config, field)))) delete draft[key];
        else draft[key] = value;
        const fieldErrors = { ...get().fieldErrors };
        const problem = validateSetting(field, value);
        if (problem) fieldErrors[key] = problem;
        else delete fieldErrors[key];
        set({ draft, fieldErrors, formError: null });
      },

      discard() {
        set({ draft: {}, fieldErrors: {}, formError: null });
      },

      async save() {
        const { draft } = get();
        const fieldErrors: Record<string, string> = {};
        const values: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(draft)) {
          const field = EDITABLE_FIELDS.find((item) => item.key === key)!;
          const problem = validateSetting(field, value);
          if (problem) fieldErrors[key] = problem;
          values[key] = toConfigValue(field, value);
        }
        if (Object.keys(fieldErrors).length > 0) {
          set({ fieldErrors });
          return false;
        }
        if (Object.keys(values).length === 0) return true;
        set({ saving: true, formError: null });
        try {
          const result = await client.patchConfig(values);
          reportWrite(result, say('settings.applied'));
          set({ draft: {}, fieldErrors: {} });
          await loadConfig();
          if (get().yamlText === get().yamlOriginal) set({ yamlText: null, yamlOriginal: null });
          return true;
        } catch (raw) {
          const error = toApiError(raw);
          const where: YamlError = { message: error.message, line: error.line, column: error.column };
          if (error.configKey && error.configKey in values) set({ fieldErrors: { [error.configKey]: error.message } });
          else set({ formError: where });
          return false;
        } finally {
          set({ saving: false });
        }
      },

      async loadYaml(options = {}) {
        if (get().yamlText !== null && !options.force) return;
        set({ yamlLoading: true, yamlError: null });
        try {
          const text = await client.getConfigYaml();
          set({ yamlOriginal: text, yamlText: text });
        } catch (raw) {
          set({ yamlError: { message: say('settings.yamlLoadFailed', { error: toApiError(raw).message }) } });
        } finally {
          set({ yamlLoading: false });
        }
      },

      setYamlText(text) {
        // The last error stays visible (with its line) until the next save attempt.
        set({ yamlText: text });
      },

      async saveYaml() {
        const text = get().yamlText;
        if (text === null) return false;
        set({ yamlSaving: true, yamlError: null });
        try {
          const result = await client.putConfigYaml(text);
          reportWrite(result, say('settings.yamlApplied'));
          const fresh = await client.getConfigYaml().catch(() => text);
          // Only replace the editor's text if the user did not type while the save was running.
          if (get().yamlText === text) set({ yamlOriginal: fresh, yamlText: fresh });
          else set({ yamlOriginal: fresh });
          await loadConfig();
          return true;
        } catch (raw) {
          const error = toApiError(raw);
          set({ yamlError: { message: error.message, line: error.line, column: error.column } });
          return false;
        } finally {
          set({ yamlSaving: false });
        }
      },
    };
  });
}
