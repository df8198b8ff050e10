import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../src/lib/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { login } from '../support/personas.js';

let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ smtpUrl: sink.url });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

/** The reset token from a received mail (quoted-printable soft breaks undone). */
function tokenFrom(raw: string): string {
  const text = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  // The link opens the portal's page for choosing a new password.
  const match = /\/mot-de-passe\/nouveau\?token=([A-Za-z0-9_-]{20,})/.exec(text);
  if (!match) throw new Error(`no token in mail:\n${raw}`);
  return match[1]!;
}

describe('password reset over SMTP', () => {
  it('mails a single-use link that sets a new password and closes old sessions', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'reset@example.test', password: 'ancien mot de passe', name: 'Reset' },
    });
    const oldSession = await login(t, 'reset@example.test', 'ancien mot de passe');

    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'RESET@example.test' },
    });
    expect(ask.statusCode).toBe(202);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'nobody@example.test' },
    });
    expect(unknown.statusCode).toBe(202);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.to).toEqual(['reset@example.test']);
    const token = tokenFrom(sink.messages[0]!.raw);
    const stored = await t.database.db.selectFrom('password_reset').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'nouveau mot de passe' },
    });
    expect(confirm.statusCode, confirm.body).toBe(204);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'encore un autre mdp' },
    });
    expect(reuse.statusCode).toBe(400);

    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: oldSession.headers }))
        .statusCode,
    ).toBe(401);
    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'reset@example.test', password: 'ancien mot de passe' },
    });
    expect(oldPassword.statusCode).toBe(401);
    await login(t, 'reset@example.test', 'nouveau mot de passe');
  });
});
