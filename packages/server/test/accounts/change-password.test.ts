import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../src/accounts/sign-up.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anonymous, call, login, type Caller } from '../support/personas.js';

let t: TestApp;
let userId: string;
const email = 'claire.martin@example.fr';
const first = 'premier mot de passe solide';
const second = 'second mot de passe solide';

beforeAll(async () => {
  t = await createTestApp();
  ({ userId } = await signUp({ db: t.database.db, email, password: first, name: 'Claire' }));
});
afterAll(async () => {
  await t.close();
});

const change = (who: Caller, body: object, headers: Record<string, string> = {}) =>
  call(t, who, { method: 'POST', url: '/api/v1/me/password', payload: body, headers });
const me = (who: Caller) => call(t, who, { method: 'GET', url: '/api/v1/me' });
const events = async () =>
  (
    await t.database.db
      .selectFrom('audit_event')
      .select('event')
      .where('subject_user_id', '=', userId)
      .orderBy('at')
      .orderBy('id')
      .execute()
  ).map((r) => r.event);

describe('changing one’s password while signed in', () => {
  it('needs a session and its CSRF token', async () => {
    const res = await change(anonymous, { currentPassword: first, newPassword: second });
    expect(res.statusCode).toBe(401);
    const here = await login(t, email, first);
    const noCsrf = await change(
      { name: 'no csrf', headers: { cookie: here.headers.cookie! } },
      { currentPassword: first, newPassword: second },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'CSRF_INVALID' });
  });

  it('refuses a wrong current password, a short new one, and the same one, changing nothing', async () => {
    const here = await login(t, email, first);
    const wrong = await change(here, { currentPassword: 'pas le bon', newPassword: second });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ pointer: 'currentPassword' }],
    });
    const short = await change(here, { currentPassword: first, newPassword: 'court' });
    expect(short.statusCode).toBe(400);
    const same = await change(here, { currentPassword: first, newPassword: first });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ errors: [{ pointer: 'newPassword' }] });
    // Still the first password.
    await login(t, email, first);
    expect(await events()).toContain('PASSWORD_CHANGE_FAILED');
    expect(await events()).not.toContain('PASSWORD_CHANGED');
  });

  it('changes it, keeps this session, closes the others, and the old password stops working', async () => {
    const here = await login(t, email, first);
    const elsewhere = await login(t, email, first);
    expect((await me(elsewhere)).statusCode).toBe(200);

    const res = await change(here, { currentPassword: first, newPassword: second });
    expect(res.statusCode, res.body).toBe(204);

    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    const sessions = await t.database.db
      .selectFrom('user_session')
      .select('id_hash')
      .where('user_id', '=', userId)
      .execute();
    expect(sessions).toHaveLength(1);

    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: first },
    });
    expect(old.statusCode).toBe(401);
    await login(t, email, second);
    expect(await events()).toContain('PASSWORD_CHANGED');
  });
});
