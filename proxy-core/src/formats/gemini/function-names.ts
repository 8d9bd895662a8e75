/**
 * Gemini function names must match `[A-Za-z_][A-Za-z0-9_.:-]{0,63}` (inventory §2.0, §5 quirk 5). Claude and
 * OpenAI allow longer names and other characters, so names are made valid on the way to Gemini, and
 * distinct names that would collide get a short hash suffix. `restoreFunctionName` maps them back.
 */
import { createToolNameCodec } from '../shared/tool-name-rules.js';

const GEMINI_NAMES = createToolNameCodec({ invalid: /[^A-Za-z0-9_.:-]/g, maxLength: 64, start: /^[A-Za-z_]/ });

/** A valid Gemini function name for `name` (unchanged when it already is one). */
export const sanitizeFunctionName = GEMINI_NAMES.sanitize;

/** Original → Gemini name for every name in `names` (valid, unique names map to themselves). */
export const createFunctionNameMap = GEMINI_NAMES.map;

/** The client's name for a function name Gemini answered with, given the names the client declared. */
export const restoreFunctionName = GEMINI_NAMES.restore;
