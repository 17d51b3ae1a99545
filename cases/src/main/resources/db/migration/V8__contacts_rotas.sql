-- People who are told about cases: contacts, each unit's on-call rota, and acknowledge links already used.

-- A person who can be reached; optionally the contact of a user account (user_name).
create table contacts (
    name         text        primary key,
    display_name text        not null,
    phone        text,
    language     text        not null default 'zh' check (language in ('zh', 'en')),
    channels     text[]      not null default '{}',
    user_name    text,
    enabled      boolean     not null default true,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

-- One rota per unit (grid, community, sub_district, district, compound, department): a weekly pattern of shifts in
-- Asia/Shanghai local time (JSON, see io.anju.cases.people.Shift) and the contact who stands in for anyone missing.
create table rotas (
    unit_kind  text        not null,
    unit_id    text        not null,
    shifts     jsonb       not null,
    fallback   text        references contacts (name),
    updated_at timestamptz not null,
    updated_by text        not null,
    primary key (unit_kind, unit_id)
);

-- A signed acknowledge link works once: its (case, notice, contact) is kept here when it is used.
create table ack_links_used (
    case_id   bigint      not null references cases (id),
    event_seq bigint      not null,
    contact   text        not null,
    used_at   timestamptz not null,
    primary key (case_id, event_seq, contact)
);
