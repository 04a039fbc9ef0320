import { describe, expect, it } from 'vitest';
import { isValidRoutingNumber, withCheckDigit } from '../../src/domain/aba.js';
import { routingNumberFor } from '../../src/sandbox/bank/jobs.js';
import { listBody } from '../../src/sandbox/http/pagination.js';
import { solidPng } from '../../src/sandbox/bank/png.js';
import { Random, stableGuid } from '../../src/sandbox/bank/random.js';
import { fileFailure } from '../../src/sandbox/bank/failures.js';
import { clientUrl } from '../../src/sandbox/index.js';
import { mergeRoutes } from '../../src/sandbox/http/router.js';

describe('ABA routing numbers', () => {
  it('accepts known-valid numbers and rejects altered ones', () => {
    expect(isValidRoutingNumber('011000015')).toBe(true); // Federal Reserve Bank of Boston
    expect(isValidRoutingNumber('021000021')).toBe(true);
    expect(isValidRoutingNumber('021000022')).toBe(false);
    expect(isValidRoutingNumber('12345678')).toBe(false);
  });

  it('completes eight digits and derives a stable valid number per institution', () => {
    expect(withCheckDigit('01100001')).toBe('011000015');
    const mx = routingNumberFor('mxbank');
    expect(isValidRoutingNumber(mx)).toBe(true);
    expect(Number(mx.slice(0, 2))).toBeGreaterThanOrEqual(1);
    expect(Number(mx.slice(0, 2))).toBeLessThanOrEqual(12);
    expect(routingNumberFor('mxbank')).toBe(mx);
  });
});

describe('random', () => {
  it('is reproducible per seed and guid-shaped', () => {
    const a = new Random(1);
    const b = new Random(1);
    expect(a.guid('USR')).toBe(b.guid('USR'));
    expect(a.guid('JOB')).toMatch(/^JOB-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Random(2).guid('USR')).not.toBe(new Random(1).guid('USR'));
    // a restored snapshot continues the same sequence (what persistence relies on)
    const restored = new Random(a.snapshot);
    expect(restored.uint32()).toBe(a.uint32());
    expect(stableGuid('CRD', 'x')).toBe(stableGuid('CRD', 'x'));
  });
});

describe('pagination', () => {
  const items = Array.from({ length: 30 }, (_, i) => i);
  it('applies the 10–max rule and pages', () => {
    expect(listBody('n', items, new URLSearchParams(), 100)).toEqual({ n: items.slice(0, 25), pagination: { current_page: 1, per_page: 25, total_entries: 30, total_pages: 2 } });
    expect(listBody('n', items, new URLSearchParams('records_per_page=10&page=3'), 100).n).toEqual(items.slice(20, 30));
    expect((listBody('n', items, new URLSearchParams('records_per_page=150'), 100).pagination as { per_page: number }).per_page).toBe(25);
    expect(listBody('n', items, new URLSearchParams('page=9'), 1000).n).toEqual([]);
  });
});

describe('png', () => {
  it('builds a file with the PNG signature and chunks', () => {
    const png = solidPng([1, 2, 3], 4);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString()).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(4);
    expect(png.subarray(-8, -4).toString()).toBe('IEND');
  });
});

describe('route tables', () => {
  it('refuse a path two tables define, even under other parameter names, instead of replacing it', () => {
    const handler = () => ({ status: 204 });
    expect(Object.keys(mergeRoutes({ '/a': { GET: handler } }, { '/b/:x': { GET: handler } }))).toEqual(['/a', '/b/:x']);
    expect(() => mergeRoutes({ '/users/:user_guid': { GET: handler } }, { '/users/:user_identifier': { PUT: handler } })).toThrow(
      'sandbox route /users/:user_identifier is defined twice',
    );
  });
});

describe('client URL', () => {
  it('names loopback for a wildcard address and the address itself otherwise', () => {
    expect(clientUrl('0.0.0.0', 4010)).toBe('http://127.0.0.1:4010');
    expect(clientUrl('::', 4010)).toBe('http://[::1]:4010');
    expect(clientUrl('0:0:0:0:0:0:0:0', 4010)).toBe('http://[::1]:4010');
    expect(clientUrl('127.0.0.2', 4010)).toBe('http://127.0.0.2:4010');
    expect(clientUrl('::1', 4010)).toBe('http://[::1]:4010');
    expect(clientUrl('192.168.1.5', 4010)).toBe('http://192.168.1.5:4010');
  });
});

describe('file failures', () => {
  const failure = (code: string) => fileFailure('write its state to', '/cfg/sandbox/default.json', Object.assign(new Error(code), { code }), 'MX_IAV_CONFIG_DIR');

  it('names why in words, in one sentence with exit 3', () => {
    expect(failure('ENOSPC').message).toBe(
      'The sandbox cannot write its state to /cfg/sandbox/default.json: no space is left on the device; fix that path, or set MX_IAV_CONFIG_DIR elsewhere.',
    );
    expect(failure('ENOSPC').exitCode).toBe(3);
    expect(failure('EACCES').message).toContain(': permission denied; ');
    expect(failure('EROFS').message).toContain(': the file system is read-only; ');
    expect(failure('EEXIST').message).toContain(': a file stands where a directory is needed; ');
    expect(failure('EIO').message).toContain(': EIO; ');
  });
});
