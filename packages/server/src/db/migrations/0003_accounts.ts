import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('totp_last_step', 'bigint')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // E-mail addresses are unique whatever their case.
  await sql`create unique index app_user_email_key on app_user (lower(email))`.execute(db);

  await db.schema
    .createTable('recovery_code')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('recovery_code_pkey', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('membership')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('structure_id', 'text', (c) =>
      c.notNull().references('structure.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('GESTIONNAIRE_PRINCIPAL','UTILISATEUR')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('membership_user_structure_key', ['user_id', 'structure_id'])
    .execute();
  await db.schema
    .createIndex('membership_structure_idx')
    .on('membership')
    .column('structure_id')
    .execute();

  await db.schema
    .createTable('membership_right')
    .addColumn('membership_id', 'text', (c) =>
      c.notNull().references('membership.id').onDelete('cascade'),
    )
    .addColumn('space', 'text', (c) =>
      c.notNull().check(sql`space in ('FACTURES_EMISES','FACTURES_RECUES','SOLLICITATIONS')`),
    )
    .addColumn('service_id', 'text', (c) => c.references('service.id').onDelete('cascade'))
    .execute();
  await sql`create unique index membership_right_key on membership_right (membership_id, space, coalesce(service_id, ''))`.execute(
    db,
  );

  await db.schema
    .createTable('join_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('structure_id', 'text', (c) =>
      c.notNull().references('structure.id').onDelete('cascade'),
    )
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('EN_ATTENTE','ACCEPTEE','REFUSEE')`),
    )
    .addColumn('decided_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // At most one pending request per user and structure.
  await sql`create unique index join_request_pending_key on join_request (user_id, structure_id) where status = 'EN_ATTENTE'`.execute(
    db,
  );

  await db.schema
    .createTable('user_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('second_factor_pending', 'boolean', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('password_reset')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('api_client')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) =>
      c.notNull().references('structure.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('secret_rotated_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('access_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) =>
      c.notNull().references('api_client.id').onDelete('cascade'),
    )
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_client_id', 'text')
    .addColumn('subject_user_id', 'text')
    .addColumn('structure_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('audit_event_structure_idx')
    .on('audit_event')
    .columns(['structure_id', 'at'])
    .execute();
}
