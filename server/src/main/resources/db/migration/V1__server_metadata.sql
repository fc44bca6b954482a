-- Facts about this installation that outlive a process, starting with the server version that created the schema.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE server_metadata (
    metadata_key   VARCHAR(100)  NOT NULL PRIMARY KEY,
    metadata_value VARCHAR(1000) NOT NULL,
    updated_at     TIMESTAMP     NOT NULL
);

INSERT INTO server_metadata (metadata_key, metadata_value, updated_at) VALUES ('schema-created-by', '${slipwayVersion}', CURRENT_TIMESTAMP);
