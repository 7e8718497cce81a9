import { describe, expect, it } from 'vitest';
import { DStoreConfigError } from '../../src/errors.js';
import { createAdmission, SHED_TEXT } from '../../src/handler/admission.js';
import { tokenBucket } from '../../src/handler/rate-limit.js';
import { signatureCache } from '../../src/handler/signature-cache.js';
import { responseIssues } from '../support.js';

const clockAt = (t: number) => {
  const clock = { t, now: () => new Date(clock.t) };
  return clock;
};

describe('tokenBucket', () => {
  it('admits the burst, then one request per 1/rate seconds', () => {
    const clock = clockAt(0);
    const take = tokenBucket({ requestsPerSecond: 4, burst: 2 }, clock.now);
    expect([take(), take(), take()]).toEqual([true, true, false]);
    clock.t += 250;
    expect([take(), take()]).toEqual([true, false]);
  });

  it('never holds more than the burst, and a clock stepping back refills nothing', () => {
    const clock = clockAt(10_000);
    const take = tokenBucket({ requestsPerSecond: 100, burst: 1 }, clock.now);
    clock.t += 60_000;
    expect([take(), take()]).toEqual([true, false]);
    clock.t -= 5_000;
    expect(take()).toBe(false);
  });

  it('refuses a rate or burst that admits nothing, naming the option', () => {
    const { now } = clockAt(0);
    expect(() => tokenBucket({ requestsPerSecond: -1 }, now)).toThrow(/requestsPerSecond/);
    expect(() => tokenBucket({ requestsPerSecond: 1, burst: 0.5 }, now)).toThrow(DStoreConfigError);
  });
});

describe('createAdmission', () => {
  it('admits up to maxConcurrent at once and again once a slot is given back', () => {
    const admission = createAdmission({ maxConcurrent: 2, now: clockAt(0).now });
    expect([admission.enter(), admission.enter(), admission.enter()]).toEqual([true, true, false]);
    expect(admission.inFlight).toBe(2);
    admission.leave();
    expect(admission.enter()).toBe(true);
  });

  it('takes no token for a request shed by the concurrency bound', () => {
    const admission = createAdmission({
      maxConcurrent: 1,
      rateLimit: { requestsPerSecond: 1, burst: 2 },
      now: clockAt(0).now,
    });
    expect(admission.enter()).toBe(true);
    expect(admission.enter()).toBe(false); // bound reached: the second token stays in the bucket
    admission.leave();
    expect(admission.enter()).toBe(true);
    admission.leave();
    expect(admission.enter()).toBe(false); // bucket empty now
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createAdmission({ maxConcurrent: 1.5, now: clockAt(0).now })).toThrow(/maxConcurrent/);
  });

  it('sheds with a spec-valid F REQUEST_TRAFFIC_EXCEED_LIMIT', () => {
    const shed = JSON.parse(SHED_TEXT) as { result: { resultStatus: string; resultCode: string } };
    expect(responseIssues(shed)).toEqual([]);
    expect(shed.result).toMatchObject({ resultStatus: 'F', resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT' });
  });
});

describe('signatureCache', () => {
  it('signs once per text, second and path', () => {
    let signed = 0;
    const sign = signatureCache((text, time, path) => `${++signed}:${text}:${time}:${path}`);
    expect(sign('a', 't1', '/p')).toBe('1:a:t1:/p');
    expect(sign('a', 't1', '/p')).toBe('1:a:t1:/p');
    expect(sign('a', 't2', '/p')).toBe('2:a:t2:/p');
    expect(sign('a', 't2', '/q')).toBe('3:a:t2:/q');
    expect(sign('b', 't2', '/q')).toBe('4:b:t2:/q');
  });
});
