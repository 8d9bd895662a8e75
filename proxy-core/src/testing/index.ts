export { DEFAULT_FAKE_TEXT, startFakeUpstream } from './fake-upstream.js';
export type { FakeAnswer, FakeResponse, FakeRule, FakeSseEvent, FakeSseResponse, FakeUpstream, FakeUpstreamOptions, RecordedRequest, VendorDialect } from './fake-upstream-types.js';
export { parseSseText } from './sse-text.js';
export { vendorError, type VendorErrorOptions } from './vendor-errors.js';
