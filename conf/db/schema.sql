-- The recommendation service's DB-only tables (docs/contract.md, section 10), for local setups and tests.
-- recsys-pipelines never runs DDL against an operator's database: it only reads `tenants` and
-- writes rows. In production the service's own migrations own these tables; this file mirrors
-- their columns, types and keys so that the pipeline can be run and tested against a fresh
-- PostgreSQL (13 or later: gen_random_uuid() is built in).
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f conf/db/schema.sql

CREATE TABLE IF NOT EXISTS tenants (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text        NOT NULL UNIQUE,
  name        text        NOT NULL,
  status      text        NOT NULL DEFAULT 'active',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS item_popularity_daily (
  tenant_id  uuid          NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
  namespace  text          NOT NULL DEFAULT 'default',
  item_id    text          NOT NULL,
  day        date          NOT NULL,
  score      numeric(18,6) NOT NULL DEFAULT 0,
  updated_at timestamptz   NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, namespace, item_id, day)
);

-- A day is replaced as a whole (DELETE ... WHERE tenant_id, namespace, day): without this index that
-- DELETE walks every day of the (tenant, namespace) in the primary key.
CREATE INDEX IF NOT EXISTS item_popularity_daily_tenant_ns_day_idx
  ON item_popularity_daily (tenant_id, namespace, day);

CREATE TABLE IF NOT EXISTS item_covisit_daily (
  tenant_id   uuid          NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
  namespace   text          NOT NULL DEFAULT 'default',
  item_id     text          NOT NULL,
  neighbor_id text          NOT NULL,
  day         date          NOT NULL,
  score       numeric(18,6) NOT NULL DEFAULT 0,
  updated_at  timestamptz   NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, namespace, item_id, neighbor_id, day)
);

CREATE INDEX IF NOT EXISTS item_covisit_daily_tenant_ns_day_idx
  ON item_covisit_daily (tenant_id, namespace, day);

CREATE TABLE IF NOT EXISTS item_tags (
  tenant_id  uuid          NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
  namespace  text          NOT NULL DEFAULT 'default',
  item_id    text          NOT NULL,
  tags       text[]        NOT NULL DEFAULT '{}',
  price      numeric(18,6),
  created_at timestamptz   NOT NULL DEFAULT now(),
  updated_at timestamptz   NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, namespace, item_id)
);
