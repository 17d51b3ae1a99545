-- The SSE stream replays a channel's notices after the client's Last-Event-ID (the audit seq).
create index outbox_channel_seq on outbox (channel, event_seq);
