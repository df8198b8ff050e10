import { sql, type Kysely } from 'kysely';

/**
 * deposit_directory_facts(): what the routing checks of a deposit (or of a recycled invoice)
 * read from the directory, as one JSON object {suppliers, rights, recipients, services}.
 *
 * A function rather than a statement sent each time because PL/pgSQL keeps the plan of each
 * of its statements for the session: planning the four lookups cost the database four times
 * what running them does, on every deposit. Each way of naming a structure (SIRET exactly, or
 * every establishment of a SIREN) has its own statement, so each keeps an index plan. A SIREN's
 * establishments are found by a byte-order range on the identifier (served by the
 * text_pattern_ops index of migration 0006), the LIKE beside it saying what is meant.
 *
 * Rows: suppliers {id, identifier, name} (SIRET structures named by the seller, at most 50);
 * rights {structure_id} (the user's FACTURES_EMISES memberships among them); recipients (at
 * most 2: more than one means a SIREN that does not say which establishment); services (of
 * the recipient candidates, with the given code). Dates come back as 'YYYY-MM-DD' text.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function deposit_directory_facts(
      supplier_siret text, supplier_siren text, user_id text,
      recipient_siret text, recipient_siren text, service_code text
    ) returns json language plpgsql stable as $fn$
    declare
      suppliers json := '[]';
      rights json := '[]';
      recipients json := '[]';
      services json := '[]';
    begin
      if supplier_siret is not null then
        select coalesce(json_agg(r), '[]') into suppliers from (
          select s.id, s.identifier, s.name from structure s
          where s.identifier_type = 'SIRET' and s.identifier = supplier_siret limit 50) r;
        if user_id is not null then
          select coalesce(json_agg(r), '[]') into rights from (
            select m.structure_id from membership m
            join membership_right mr on mr.membership_id = m.id
            join structure s on s.id = m.structure_id
            where m.user_id = deposit_directory_facts.user_id
              and mr.space = 'FACTURES_EMISES'
              and s.identifier_type = 'SIRET' and s.identifier = supplier_siret) r;
        end if;
      elsif supplier_siren is not null then
        select coalesce(json_agg(r), '[]') into suppliers from (
          select s.id, s.identifier, s.name from structure s
          where s.identifier_type = 'SIRET'
            and s.identifier ~>=~ supplier_siren
            and s.identifier ~<~ (supplier_siren || chr(1114111))
            and s.identifier like supplier_siren || '%'
          limit 50) r;
        if user_id is not null then
          select coalesce(json_agg(r), '[]') into rights from (
            select m.structure_id from membership m
            join membership_right mr on mr.membership_id = m.id
            join structure s on s.id = m.structure_id
            where m.user_id = deposit_directory_facts.user_id
              and mr.space = 'FACTURES_EMISES'
              and s.identifier_type = 'SIRET'
              and s.identifier ~>=~ supplier_siren
              and s.identifier ~<~ (supplier_siren || chr(1114111))
              and s.identifier like supplier_siren || '%') r;
        end if;
      end if;

      if recipient_siret is not null then
        select coalesce(json_agg(r), '[]') into recipients from (
          select s.id, s.identifier, s.name, s.is_public, s.active, s.service_code_required,
            s.service_or_commitment_required, s.commitment_required
          from structure s
          where s.identifier_type = 'SIRET' and s.identifier = recipient_siret limit 2) r;
        if service_code is not null then
          select coalesce(json_agg(r), '[]') into services from (
            select v.structure_id, v.id, v.code, v.active, v.valid_from, v.valid_to,
              v.commitment_required
            from service v join structure s on s.id = v.structure_id
            where v.code = service_code
              and s.identifier_type = 'SIRET' and s.identifier = recipient_siret) r;
        end if;
      elsif recipient_siren is not null then
        select coalesce(json_agg(r), '[]') into recipients from (
          select s.id, s.identifier, s.name, s.is_public, s.active, s.service_code_required,
            s.service_or_commitment_required, s.commitment_required
          from structure s
          where s.identifier_type = 'SIRET'
            and s.identifier ~>=~ recipient_siren
            and s.identifier ~<~ (recipient_siren || chr(1114111))
            and s.identifier like recipient_siren || '%'
          limit 2) r;
        if service_code is not null then
          select coalesce(json_agg(r), '[]') into services from (
            select v.structure_id, v.id, v.code, v.active, v.valid_from, v.valid_to,
              v.commitment_required
            from service v join structure s on s.id = v.structure_id
            where v.code = service_code
              and s.identifier_type = 'SIRET'
              and s.identifier ~>=~ recipient_siren
              and s.identifier ~<~ (recipient_siren || chr(1114111))
              and s.identifier like recipient_siren || '%') r;
        end if;
      end if;

      return json_build_object(
        'suppliers', suppliers, 'rights', rights, 'recipients', recipients, 'services', services);
    end
    $fn$`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function deposit_directory_facts(text, text, text, text, text, text)`.execute(db);
}
