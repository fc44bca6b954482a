-- Build projects (issue #4). The settings are one JSON document (the API's project JSON without the metadata), so
-- that adding a setting needs no migration; the columns are what queries filter or lock on.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE projects (
    name          VARCHAR(255)              NOT NULL PRIMARY KEY,
    definition    VARCHAR                   NOT NULL,
    badge_enabled BOOLEAN                   NOT NULL,
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    version       BIGINT                    NOT NULL
);
