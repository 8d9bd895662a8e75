import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerAsModel, renameModelInJson } from './amp-answer-model.js';

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: (res: http.ServerResponse) => void): Promise<Response> {
  server = http.createServer((_req, res) => {
    answerAsModel(res, 'asked-model');
    handler(res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

describe('answerAsModel', () => {
  it('JSON: renames the model fields and drops the now wrong content-length', async () => {
    const text = JSON.stringify({ id: 'x', model: 'mapped-model', message: { model: 'mapped-model' }, note: 'mapped-model stays' });
    const response = await serve((res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text));
    expect(await response.json()).toEqual({ id: 'x', model: 'asked-model', message: { model: 'asked-model' }, note: 'mapped-model stays' });
  });

  it('event streams: each data line renamed, also when a line is split across writes', async () => {
    const response = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: message_start\ndata: {"type":"message_start","message":{"model":"map');
      res.write('ped-model"}}\n\ndata: {"model":"mapped-model","choices":[]}\n\n');
      res.end('data: [DONE]\n\n');
    });
    expect(await response.text()).toBe(
      'event: message_start\ndata: {"type":"message_start","message":{"model":"asked-model"}}\n\ndata: {"model":"asked-model","choices":[]}\n\ndata: [DONE]\n\n',
    );
  });

  it('leaves other bodies and JSON without model fields untouched', async () => {
    expect(renameModelInJson('{"error":{"message":"no"}}', 'asked-model')).toBe('{"error":{"message":"no"}}');
    expect(renameModelInJson('not json', 'asked-model')).toBe('not json');
    const response = await serve((res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('model: mapped-model'));
    expect(await response.text()).toBe('model: mapped-model');
  });
});
