import { describe, expect, it } from 'vitest';
import { conversationKey } from './conversation-key.js';

describe('conversation key', () => {
  it('prefers a session header, in the documented order', () => {
    expect(conversationKey('openai-chat', { 'x-client-request-id': 'r', 'x-session-id': 's-1' }, {})).toBe('h:s-1');
    expect(conversationKey('openai-responses', { session_id: 'codex-1' }, { prompt_cache_key: 'p' })).toBe('h:codex-1');
    expect(conversationKey('claude-messages', { 'x-amp-thread-id': 'T-9' }, {})).toBe('h:T-9');
  });

  it("reads Claude's metadata.user_id, Codex's prompt_cache_key and Responses' conversation / previous_response_id", () => {
    expect(conversationKey('claude-messages', {}, { metadata: { user_id: 'user_abc_account__session_42' } })).toBe('u:user_abc_account__session_42');
    expect(conversationKey('openai-responses', {}, { prompt_cache_key: 'cache-7' })).toBe('c:cache-7');
    expect(conversationKey('openai-responses', {}, { conversation: { id: 'conv_1' } })).toBe('r:conv_1');
    expect(conversationKey('openai-responses', {}, { conversation: 'conv_2' })).toBe('r:conv_2');
    expect(conversationKey('openai-responses', {}, { previous_response_id: 'resp_3' })).toBe('p:resp_3');
  });

  it('otherwise hashes the system prompt and the first user turn: later turns keep the key, another opening changes it', () => {
    const first = { system: 'You are terse.', messages: [{ role: 'user', content: 'hi' }] };
    const later = { system: 'You are terse.', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }, { role: 'user', content: 'more' }] };
    const other = { system: 'You are terse.', messages: [{ role: 'user', content: 'bye' }] };
    const key = conversationKey('claude-messages', {}, first);
    expect(key).toMatch(/^o:[\w-]{22}$/);
    expect(conversationKey('claude-messages', {}, later)).toBe(key);
    expect(conversationKey('claude-messages', {}, other)).not.toBe(key);
    const chat = (user: string) => ({ messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: user }] });
    expect(conversationKey('openai-chat', {}, chat('a'))).toBe(conversationKey('openai-chat', {}, { messages: [...chat('a').messages, { role: 'user', content: 'b' }] }));
    expect(conversationKey('gemini', {}, { contents: [{ role: 'user', parts: [{ text: 'x' }] }] })).toMatch(/^o:/);
    expect(conversationKey('openai-responses', {}, { instructions: 'i', input: 'hello' })).toMatch(/^o:/);
  });

  it('has no key for a body with nothing to go on', () => {
    expect(conversationKey('openai-chat', {}, {})).toBeUndefined();
  });
});
