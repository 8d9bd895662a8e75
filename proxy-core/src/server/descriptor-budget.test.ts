import { describe, expect, it } from 'vitest';
import { descriptorWarning } from './descriptor-budget.js';

const limits = (soft: string) => `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            ${soft}                 1048576              files
Max locked memory         8388608              8388608              bytes
`;

describe('descriptorWarning', () => {
  it('warns when max-connections does not fit ulimit -n, with a value that does', () => {
    expect(descriptorWarning(512, limits('1024'))).toBe(
      'max-connections: 512 needs about 1088 open files, but this process may open 1024 (ulimit -n). Under load new connections could fail; set max-connections: 480 or raise the limit.',
    );
  });

  it('is quiet when it fits, when the limit is unlimited, and off Linux', () => {
    expect(descriptorWarning(256, limits('1024'))).toBeUndefined();
    expect(descriptorWarning(256, limits('unlimited'))).toBeUndefined();
    expect(descriptorWarning(256, undefined)).toBeUndefined();
  });
});
