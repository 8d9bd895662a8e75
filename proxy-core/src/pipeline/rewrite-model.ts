const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MODEL = Buffer.from('model');

/**
 * Replaces the value of the top-level `"model"` key in a JSON object body, leaving every other byte as it
 * was (passthrough promises byte-for-byte bodies apart from the model). Returns the input unchanged when
 * there is no top-level string `model`.
 */
export function rewriteTopLevelModel(raw: Buffer, model: string): Buffer {
  let depth = 0;
  let expectKey = false;
  for (let index = 0; index < raw.length; index++) {
    const byte = raw[index];
    if (byte === QUOTE) {
      const end = stringEnd(raw, index);
      if (end < 0) return raw;
      if (depth === 1 && expectKey) {
        const isModel = end - index - 1 === MODEL.length && raw.compare(MODEL, 0, MODEL.length, index + 1, end) === 0;
        let cursor = end + 1;
        while (cursor < raw.length && raw[cursor] !== 0x3a /* : */) cursor++;
        cursor++;
        while (cursor < raw.length && (raw[cursor] === 0x20 || raw[cursor] === 0x09 || raw[cursor] === 0x0a || raw[cursor] === 0x0d)) cursor++;
        if (isModel && raw[cursor] === QUOTE) {
          const valueEnd = stringEnd(raw, cursor);
          if (valueEnd < 0) return raw;
          return Buffer.concat([raw.subarray(0, cursor), Buffer.from(JSON.stringify(model)), raw.subarray(valueEnd + 1)]);
        }
        expectKey = false;
        index = cursor - 1;
        continue;
      }
      index = end;
      continue;
    }
    if (byte === 0x7b /* { */) {
      depth++;
      expectKey = depth === 1;
    } else if (byte === 0x5b /* [ */) depth++;
    else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) depth--;
    else if (byte === 0x2c /* , */ && depth === 1) expectKey = true;
  }
  return raw;
}

/** Index of the closing quote of the string starting at `start`, or -1. */
function stringEnd(raw: Buffer, start: number): number {
  for (let index = start + 1; index < raw.length; index++) {
    const byte = raw[index];
    if (byte === BACKSLASH) index++;
    else if (byte === QUOTE) return index;
  }
  return -1;
}

const MODEL_FIELD = /"model"\s*:\s*"(?:[^"\\]|\\.)*"/g;

/**
 * Names `model` in every `"model": "…"` key of a JSON text (an answer body or one stream event), so a client
 * hears back the id it asked for. Keys inside string values are escaped (`\"model\"`) and never match. Only
 * used when the served id differs from the requested one.
 */
export function renameModelFields(json: string, model: string): string {
  const replacement = `"model":${JSON.stringify(model)}`;
  return json.replace(MODEL_FIELD, () => replacement);
}
