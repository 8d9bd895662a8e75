/**
 * This format's slot in `extras`: fields the IR has no place for, kept so a same-format round trip is
 * lossless. Only the `openai-chat` namespace is ever read or written here.
 */
import { extrasFor } from '../shared/extras.js';
import { isRecord, unknownFields, omitKeys } from '../shared/extras.js';

export const FORMAT_ID = 'openai-chat' as const;
export { isRecord, unknownFields, omitKeys };
export const { toExtras, ownExtras } = extrasFor(FORMAT_ID);

