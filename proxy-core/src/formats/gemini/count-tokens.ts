/**
 * `countTokens`: the request side decodes like `generateContent` (with `{contents}` or the wrapped
 * `{generateContentRequest}`), the answer is `{totalTokens}`.
 */
export { decodeCountTokensRequest } from './decode-request.js';

export function encodeCountTokensResponse(totalTokens: number): { totalTokens: number } {
  return { totalTokens };
}
