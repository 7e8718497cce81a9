import { describe, expect, it } from 'vitest';
import { maskDatabaseUrl } from '../src/index.js';

describe('maskDatabaseUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(maskDatabaseUrl('postgres://desk:s3cr%40t@db.internal:5432/orders?sslmode=require')).toBe(
      'postgres://desk:***@db.internal:5432/orders?sslmode=require',
    );
  });

  it('masks password-like query parameters', () => {
    expect(maskDatabaseUrl('postgresql://db/orders?user=desk&password=hunter2')).not.toContain('hunter2');
  });

  it('leaves a URL without a password as it is', () => {
    expect(maskDatabaseUrl('postgres://desk@localhost/orders')).toBe('postgres://desk@localhost/orders');
  });

  it('shows nothing of a string that is not a URL', () => {
    expect(maskDatabaseUrl('host=db password=hunter2')).not.toContain('hunter2');
  });
});
