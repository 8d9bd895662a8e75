/** This format's slot in `extras` (fields the IR has no place for; a same-format trip keeps them). */
import { extrasFor, isRecord, omitKeys, unknownFields } from '../shared/extras.js';

export const FORMAT_ID = 'openai-responses' as const;
export const { toExtras, ownExtras } = extrasFor(FORMAT_ID);
export { isRecord, omitKeys, unknownFields };
