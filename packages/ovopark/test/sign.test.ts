import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { debugSigningString, sign, signingString } from '../src/index.js';

const md5 = (text: string) => createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
const sha1 = (text: string) => createHash('sha1').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();

// The worked example of Ovopark's public SDK (providers.md §3).
const SDK_PARAMS = {
  _aid: 'S107',
  orgid: '1',
  _akey: 'test',
  _requestMode: 'post',
  _mt: 'open.demo.queryOpenAccount',
  _sm: 'md5',
  _version: 'v1',
  _timestamp: '20171221132407',
};
const SDK_STRING =
  'test_aidS107_akeytest_mtopen.demo.queryOpenAccount_requestModepost_smmd5_timestamp20171221132407_versionv1orgid1test';

describe('signature', () => {
  it("reproduces the SDK's worked example exactly", () => {
    expect(signingString(SDK_PARAMS, 'test')).toBe(SDK_STRING);
    expect(sign(SDK_PARAMS, 'test', 'md5')).toBe('5489704B80A47394025527D6D51FB582');
  });

  it('leaves _sig out of what it signs', () => {
    expect(sign({ ...SDK_PARAMS, _sig: 'ANYTHING' }, 'test', 'md5')).toBe('5489704B80A47394025527D6D51FB582');
  });

  it('signs with SHA-1 when asked, 40 upper-case hex characters', () => {
    const params = { ...SDK_PARAMS, _sm: 'sha1' };
    const text = SDK_STRING.replace('_smmd5', '_smsha1');
    expect(signingString(params, 'test')).toBe(text);
    expect(sign(params, 'test', 'sha1')).toBe(sha1(text));
    expect(sign(params, 'test', 'sha1')).toMatch(/^[0-9A-F]{40}$/);
  });

  it('signs an empty value as its name alone, and a missing one the same way', () => {
    expect(signingString({ b: '', a: '1' }, 's')).toBe('sa1bs');
    expect(signingString({ b: undefined, a: '1' }, 's')).toBe('sa1bs');
    expect(sign({ b: '', a: '1' }, 's', 'md5')).toBe(md5('sa1bs'));
  });

  it('hashes the UTF-8 bytes of non-ASCII values', () => {
    const params = { ...SDK_PARAMS, shopName: '万店掌 旗舰店' };
    const text = SDK_STRING.replace('orgid1', 'orgid1shopName万店掌 旗舰店');
    expect(signingString(params, 'test')).toBe(text);
    expect(sign(params, 'test', 'md5')).toBe(md5(text));
    expect(sign(params, 'test', 'md5')).not.toBe(
      createHash('md5').update(Buffer.from(text, 'latin1')).digest('hex').toUpperCase(),
    );
  });

  it('sorts business parameters with the system ones, by code unit (upper case before underscore before lower case)', () => {
    const params = { ...SDK_PARAMS, pageSize: '100', depId: '1001', Zeta: 'z', startTime: '2024-01-01 11:00:00' };
    expect(signingString(params, 'k')).toBe(
      'kZetaz_aidS107_akeytest_mtopen.demo.queryOpenAccount_requestModepost_smmd5_timestamp20171221132407_versionv1' +
        'depId1001orgid1pageSize100startTime2024-01-01 11:00:00k',
    );
  });

  it('shows the signing string for debugging with the secret masked', () => {
    const shown = debugSigningString({ ...SDK_PARAMS, note: 'contains test inside' }, 'test');
    expect(shown.startsWith('***_aidS107_akey***')).toBe(true);
    expect(shown.endsWith('***')).toBe(true);
    expect(shown).not.toContain('test');
  });
});
