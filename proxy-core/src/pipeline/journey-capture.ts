import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AttemptCapture } from './execute.js';

/** A request's capture as the journey and the HTTP side use it (observability/request-capture.ts). */
export interface JourneyCapture extends AttemptCapture {
  readonly full: boolean;
  clientKey: string | undefined;
  clientRequest(headers: IncomingHttpHeaders, body: Buffer): void;
  tapClient(res: ServerResponse): void;
}

export interface JourneyRequestLog {
  begin(start: { requestId: string; method: string; path: string; startedAt: number }): JourneyCapture | undefined;
  finish(capture: JourneyCapture, outcome: { status: number; latencyMs: number; error?: string }): void;
}
