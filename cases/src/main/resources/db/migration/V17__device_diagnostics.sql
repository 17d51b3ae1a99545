-- What the gateways saw of each registered device (anju.diagnostics, io.anju.cases.diagnostics), for the device's
-- vendor and the district: bounded per device and family (the latest connection outcomes and the latest rejections),
-- the older rows pruned in the transaction that inserts newer ones. The record is kept whole as the gateway wrote it.
create table device_diagnostics (
    id          bigserial   primary key,
    device_id   text        not null,
    family      text        not null check (family in ('connection', 'rejection')),
    ts          timestamptz not null,
    received_at timestamptz not null,
    event       jsonb       not null
);

-- Reading a device's latest rows of one family, and pruning behind them.
create index device_diagnostics_device on device_diagnostics (device_id, family, id);

-- A device's command history (the commands and outcomes the case service recorded, newest first).
create index command_outcomes_device on command_outcomes ((data->>'deviceId'), id);
