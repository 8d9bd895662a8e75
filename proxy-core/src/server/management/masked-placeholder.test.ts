import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../shared/mask.js';
import { findMaskedPlaceholder } from './masked-placeholder.js';

describe('findMaskedPlaceholder', () => {
  it('finds what maskSecret produces, wherever it sits, with its path', () => {
    expect(findMaskedPlaceholder({ 'api-keys': ['sk-real-key-000000001', maskSecret('sk-abcdefgh12341234')] })).toEqual({ path: ['api-keys', 1], value: 'sk-a…1234' });
    expect(findMaskedPlaceholder({ value: { 'api-key': maskSecret('short') } })).toEqual({ path: ['value', 'api-key'], value: '****' });
  });
  it('lets real keys, URLs and model names through', () => {
    expect(findMaskedPlaceholder({ 'api-keys': ['sk-abcdefgh12341234'], 'base-url': 'https://a.example/v1', models: [{ name: 'gpt-4o…' }] })).toBeUndefined();
  });
});
