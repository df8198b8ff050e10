import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { anonymous, call, login, sessionHeaders, type Caller } from '../support/personas.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const signup = (email: string, password = 'un mot de passe long') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password, name: 'Claude Essai' },
  });

async function auditEvents(userId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_event')
    .select('event')
    .where('subject_user_id', '=', userId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.event);
}

describe('sign-up, sign-in, sign-out', () => {
  it('creates an account, signs in, shows /me, signs out', async () => {
    const res = await signup('claude@example.test');
    expect(res.statusCode).toBe(201);
    const { userId } = res.json() as { userId: string };
    expect(userId).toMatch(/^usr_/);
    const stored = await t.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain('un mot de passe long');

    const me: Caller = await login(t, 'CLAUDE@example.test', 'un mot de passe long');
    const profile = await call(t, me, { method: 'GET', url: '/api/v1/me' });
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      id: userId,
      email: 'claude@example.test',
      secondFactorEnabled: false,
      memberships: [],
    });

    const out = await call(t, me, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await call(t, me, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect(await auditEvents(userId)).toEqual([
      'USER_SIGNED_UP',
      'SIGN_IN_SUCCEEDED',
      'SIGNED_OUT',
    ]);
  });

  it('refuses a second account with the same address in another case, and short passwords', async () => {
    expect((await signup('dup@example.test')).statusCode).toBe(201);
    const again = await signup('DUP@example.test');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_EXISTS' });
    const short = await signup('short@example.test', 'court');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers the same for an unknown address and a wrong password', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'whatever-password' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'dup@example.test', password: 'whatever-password' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect(unknown.cookies).toHaveLength(0);
  });

  it('locks the account for an hour after five failures, even for the right password', async () => {
    const { userId } = (await signup('lock@example.test')).json() as { userId: string };
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'lock@example.test', password: `wrong-${i}-password` },
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'lock@example.test', password: 'un mot de passe long' },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const row = await t.database.db
      .selectFrom('app_user')
      .select('locked_until')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const minutes = (row.locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    const events = await auditEvents(userId);
    expect(events.filter((e) => e === 'SIGN_IN_FAILED')).toHaveLength(6);
    expect(events).toContain('ACCOUNT_LOCKED');
  });

  it('refuses a state-changing request without the session CSRF token', async () => {
    await signup('csrf@example.test');
    const me = await login(t, 'csrf@example.test', 'un mot de passe long');
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: me.headers.cookie! },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toMatchObject({ code: 'CSRF_INVALID' });
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: me.headers.cookie!, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrongToken.statusCode).toBe(403);
    // Reads need no token; the session is still alive.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { cookie: me.headers.cookie! },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a tampered session cookie', async () => {
    await signup('tamper@example.test');
    const me = await login(t, 'tamper@example.test', 'un mot de passe long');
    const forged = me.headers.cookie!.replace(
      /chorale_session=(.)/,
      (_m, c: string) => `chorale_session=${c === 'A' ? 'B' : 'A'}`,
    );
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: forged },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('enrols, then asks for a code at sign-in, refuses replays, and takes a recovery code once', async () => {
    const { userId } = (await signup('totp@example.test')).json() as { userId: string };
    const me = await login(t, 'totp@example.test', 'un mot de passe long');
    const start = await call(t, me, { method: 'POST', url: '/api/v1/me/second-factor' });
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUri } = start.json() as { secret: string; otpauthUri: string };
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Chorale:totp%40example\.test\?/);
    const totp = new TOTP({
      secret: Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });

    const bad = await call(t, me, {
      method: 'POST',
      url: '/api/v1/me/second-factor/confirm',
      payload: { code: '000000' === totp.generate() ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(400);
    // Use the previous step's code at enrolment so the current one stays fresh for sign-in.
    const previous = totp.generate({ timestamp: Date.now() - 30_000 });
    const confirm = await call(t, me, {
      method: 'POST',
      url: '/api/v1/me/second-factor/confirm',
      payload: { code: previous },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const { recoveryCodes } = confirm.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'totp@example.test', password: 'un mot de passe long' },
    });
    expect(first.json()).toMatchObject({ status: 'SECOND_FACTOR_REQUIRED' });
    const pending = sessionHeaders(first).headers;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: pending })).statusCode,
    ).toBe(401);
    const code = totp.generate();
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/second-factor',
      headers: pending,
      payload: { code },
    });
    expect(second.statusCode, second.body).toBe(200);
    const full = sessionHeaders(second).headers;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: full })).json(),
    ).toMatchObject({ secondFactorEnabled: true });
    // The pending session was replaced, not upgraded.
    expect(full.cookie).not.toBe(pending.cookie);

    // The same code again (replay) is refused, saying it was used (not that it is wrong).
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'totp@example.test', password: 'un mot de passe long' },
    });
    const pending2 = sessionHeaders(again).headers;
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/second-factor',
      headers: pending2,
      payload: { code },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'CODE_ALREADY_USED' });
    // A wrong code is still just wrong.
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/second-factor',
      headers: pending2,
      payload: { code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const recovery = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/second-factor',
      headers: pending2,
      payload: { code: recoveryCodes[3]! },
    });
    expect(recovery.statusCode).toBe(200);
    const again3 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'totp@example.test', password: 'un mot de passe long' },
    });
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/second-factor',
      headers: sessionHeaders(again3).headers,
      payload: { code: recoveryCodes[3]! },
    });
    expect(reuse.statusCode).toBe(401);
    const events = await auditEvents(userId);
    expect(events).toContain('TOTP_ENROLLED');
    expect(events).toContain('RECOVERY_CODE_USED');
    expect(events).toContain('SECOND_FACTOR_FAILED');
    const stored = await t.database.db
      .selectFrom('recovery_code')
      .select('code_hash')
      .where('user_id', '=', userId)
      .execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(recoveryCodes[0]);
  });

  it('refuses the second-factor step without a pending session', async () => {
    const res = await call(t, anonymous, {
      method: 'POST',
      url: '/api/v1/auth/login/second-factor',
      payload: { code: '123456' },
    });
    expect(res.statusCode).toBe(401);
  });
});
