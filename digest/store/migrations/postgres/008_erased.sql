-- Data-protection erasure: an erased person leaves every table; only a
-- keyed hash of their normalized address stays here (digest.AddressHash),
-- so that an import, an add, the config or a sign-up cannot bring them
-- back, and nobody reading the database can tell who they were.
CREATE TABLE erased_addresses (
    hash      TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL
);
