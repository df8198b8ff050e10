import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../src/accounts/sign-up.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anonymous, call, login, type Caller } from '../support/personas.js';

let t: TestApp;
let userId: string;
const email = 'camille.second@example.fr';
const password = 'un mot de passe assez long';

beforeAll(async () => {
  t = await createTestApp();
  ({ userId } = await signUp({ db: t.database.db, email, password, name: 'Camille' }));
});
afterAll(async () => {
  await t.close();
});

const turnOff = (who: Caller, body: object) =>
  call(t, who, { method: 'POST', url: '/api/v1/me/second-factor/disable', payload: body });
const user = () =>
  t.database.db
    .selectFrom('app_user')
    .select(['totp_enabled', 'totp_secret'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
const recoveryCodes = async () =>
  (
    await t.database.db
      .selectFrom('recovery_code')
      .select('code_hash')
      .where('user_id', '=', userId)
      .execute()
  ).length;

const signInStatus = async () =>
  (
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  ).json() as { status: string };

/** Enrols a second factor through the API, as the portal does. */
async function enrol(me: Caller): Promise<void> {
  const start = await call(t, me, { method: 'POST', url: '/api/v1/me/second-factor' });
  const { secret } = start.json() as { secret: string };
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  const confirm = await call(t, me, {
    method: 'POST',
    url: '/api/v1/me/second-factor/confirm',
    payload: { code: totp.generate() },
  });
  expect(confirm.statusCode, confirm.body).toBe(200);
}

describe('turning the second factor off', () => {
  it('needs a session, an enrolled factor and the password; then erases secret and recovery codes', async () => {
    expect((await turnOff(anonymous, { password })).statusCode).toBe(401);
    const me = await login(t, email, password);
    // Nothing enrolled yet: nothing to turn off.
    const nothing = await turnOff(me, { password });
    expect(nothing.statusCode).toBe(409);

    await enrol(me);
    expect((await user()).totp_enabled).toBe(true);
    expect(await recoveryCodes()).toBe(10);
    expect((await signInStatus()).status).toBe('SECOND_FACTOR_REQUIRED');

    const wrong = await turnOff(me, { password: 'pas le bon mot de passe' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ pointer: 'password' }],
    });
    expect((await user()).totp_enabled).toBe(true);

    const ok = await turnOff(me, { password });
    expect(ok.statusCode, ok.body).toBe(204);
    expect(await user()).toEqual({ totp_enabled: false, totp_secret: null });
    expect(await recoveryCodes()).toBe(0);

    // Sign-in no longer asks for a code.
    expect((await signInStatus()).status).toBe('SIGNED_IN');
    const events = await t.database.db
      .selectFrom('audit_event')
      .select('event')
      .where('subject_user_id', '=', userId)
      .execute();
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['TOTP_ENROLLED', 'TOTP_DISABLE_FAILED', 'TOTP_DISABLED']),
    );
  });
});
