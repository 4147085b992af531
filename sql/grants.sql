-- grants.sql — what each Clearpost program may do in the database.
--
-- Not a migration (`clearpost migrate` skips it): a MariaDB administrator
-- applies it, with the Clearpost database selected, after every migrate:
--
--   mariadb clearpost < /usr/local/share/clearpost/sql/grants.sql
--
-- It defines three roles and grants each what the programs using it need.
-- Login users get a role once, when they are created (README, "Deploying
-- on a server"; src/stack/stack.sh does the same for the development
-- stack):
--
--   clearpost_web        auth desk review admin policy, and the clearpost
--                        command (users, accounts, audit verify …)
--   clearpost_feed       the public Atom feed: reads published posts only
--   clearpost_publisher  the publisher daemon
--
-- The schema owner (`clearpost migrate`) is not a role here: it gets
-- ALL ON <database>.* once, when the database is created.
--
-- Applying it again is harmless, and it only ever adds: a failed line (a
-- table whose migration has not run: GRANT on a missing table fails) takes
-- nothing away from the running programs. A privilege dropped from this
-- file must be revoked by hand (REVOKE … FROM clearpost_web). Roles are
-- server-wide: a second Clearpost database on the same MariaDB server
-- needs its own role names (sed s/clearpost_/staging_/g).
--
-- A new table: one line per role that uses it, in the sections below.
-- Tables: users sessions login_throttle audit_log audit_head accounts posts
-- post_revisions phi_findings reviews notifications draft_rescues
-- authorizations media publications deliveries settings policy_pages
-- policy_revisions policy_head policy_versions policy_publications
-- policy_acks (schema_migrations: the owner only).

CREATE ROLE IF NOT EXISTS clearpost_web;
CREATE ROLE IF NOT EXISTS clearpost_feed;
CREATE ROLE IF NOT EXISTS clearpost_publisher;

-- ------------------------------------------------------------------ web
-- The audit log is append-only for the programs: no UPDATE, no DELETE on
-- audit_log, so a compromised program cannot rewrite history (it can only
-- add to it, and `clearpost audit verify` checks the chain). audit_head,
-- the chain's head row, is moved forward with each entry.
GRANT SELECT, INSERT                 ON audit_log      TO clearpost_web;
GRANT SELECT, UPDATE                 ON audit_head     TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON users          TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions       TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON accounts       TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON posts          TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON post_revisions TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON phi_findings   TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON reviews        TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications  TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON draft_rescues  TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON authorizations TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON media          TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON publications   TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON deliveries     TO clearpost_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON settings       TO clearpost_web;
-- The policy: pages change, but a saved revision, a version, a
-- publication and an acknowledgement (evidence that someone agreed to a
-- text) are never changed or deleted, like the audit log.
GRANT SELECT, INSERT, UPDATE         ON policy_pages        TO clearpost_web;
GRANT SELECT, UPDATE                 ON policy_head         TO clearpost_web;
GRANT SELECT, INSERT                 ON policy_revisions    TO clearpost_web;
GRANT SELECT, INSERT                 ON policy_versions     TO clearpost_web;
GRANT SELECT, INSERT                 ON policy_publications TO clearpost_web;
GRANT SELECT, INSERT                 ON policy_acks         TO clearpost_web;

-- ----------------------------------------------------------------- feed
-- Public and anonymous: reads, nothing else. Of posts only what tells a
-- published post's state (never a draft's title or body: those may hold
-- PHI before review), of accounts only which are feeds (never the sealed
-- credentials); the settings row (the organisation's name, read by every
-- program). No users, sessions, audit log or anything else.
GRANT SELECT                         ON publications   TO clearpost_feed;
GRANT SELECT                         ON deliveries     TO clearpost_feed;
GRANT SELECT                         ON media          TO clearpost_feed;
GRANT SELECT (id, state, updated_at) ON posts          TO clearpost_feed;
GRANT SELECT (id, platform)          ON accounts       TO clearpost_feed;
GRANT SELECT                         ON settings       TO clearpost_feed;

-- ------------------------------------------------------------ publisher
-- Claims deliveries, sends them, records outcomes (and refreshed
-- credentials), moves posts to published/failed, tells admins, audits.
-- Records retention runs in the publisher too (once a day): it deletes a
-- post past its retention period with everything hanging off it, hence
-- DELETE on those tables. Of users only names and roles (never password
-- hashes).
GRANT INSERT                         ON audit_log      TO clearpost_publisher;
GRANT SELECT, UPDATE                 ON audit_head     TO clearpost_publisher;
GRANT SELECT, UPDATE, DELETE         ON deliveries     TO clearpost_publisher;
GRANT SELECT, UPDATE, DELETE         ON publications   TO clearpost_publisher;
GRANT SELECT, UPDATE, DELETE         ON posts          TO clearpost_publisher;
GRANT SELECT, UPDATE                 ON accounts       TO clearpost_publisher;
GRANT SELECT, DELETE                 ON media          TO clearpost_publisher;
GRANT SELECT, INSERT, DELETE         ON notifications  TO clearpost_publisher;
GRANT SELECT, DELETE                 ON phi_findings   TO clearpost_publisher;
GRANT SELECT, DELETE                 ON reviews        TO clearpost_publisher;
GRANT SELECT, DELETE                 ON post_revisions TO clearpost_publisher;
GRANT SELECT, DELETE                 ON draft_rescues  TO clearpost_publisher;
GRANT SELECT                         ON settings       TO clearpost_publisher;
GRANT SELECT (id, username, role, active) ON users     TO clearpost_publisher;
