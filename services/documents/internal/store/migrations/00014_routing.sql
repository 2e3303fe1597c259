-- +goose Up
-- Routing (chuyển xử lý) of a receipt through people (issue 18): one row
-- per step, in order. A direction's cooperating and informed units or
-- people are JSON lists of {unit_id} or {user_id}; the for-information box
-- finds a reader in them as receipts find a cooperating unit (LIKE).
CREATE TABLE routing_steps (
    document_id  TEXT NOT NULL,
    agency_id    TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    id           TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    from_user_id TEXT NOT NULL,
    from_name    TEXT NOT NULL DEFAULT '',
    to_user_id   TEXT NOT NULL DEFAULT '',
    to_name      TEXT NOT NULL DEFAULT '',
    to_unit_id   TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    due_date     TEXT NOT NULL DEFAULT '',
    cooperating  TEXT NOT NULL DEFAULT '[]',
    informed     TEXT NOT NULL DEFAULT '[]',
    at           TEXT NOT NULL,
    PRIMARY KEY (document_id, agency_id, seq),
    FOREIGN KEY (document_id, agency_id) REFERENCES receipts (document_id, agency_id)
);
CREATE INDEX routing_steps_read ON routing_steps (document_id, kind, from_user_id);

-- +goose Down
DROP TABLE routing_steps;
