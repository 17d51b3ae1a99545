-- The device registry, the source of truth since issue 14: the whole current document (places and devices) with its
-- revision in one row, changed only in a transaction that locks it, and an audit row for every change. The registry
-- file is imported as revision 1 when the service first starts on a database without one.

create table registry (
    id                 boolean     primary key default true check (id),
    revision           bigint      not null check (revision > 0),
    document           jsonb       not null,
    changed_at         timestamptz not null,
    changed_by         text        not null,
    change             text        not null,
    -- The outbox: the newest revision on anju.registry; the relay publishes whenever revision is newer.
    published_revision bigint      not null default 0
);

-- Who changed what when: one row per revision (before/after are the device's JSON; null for imports).
create table registry_changes (
    revision   bigint      primary key,
    changed_at timestamptz not null,
    changed_by text        not null,
    operation  text        not null,
    device_id  text,
    before     jsonb,
    after      jsonb
);

create index registry_changes_device on registry_changes (device_id, revision);
