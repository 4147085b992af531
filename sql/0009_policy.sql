-- The social media policy: pages written by administrators in Markdown,
-- every save kept as a revision, published as minor edits or as material
-- changes that raise the policy version; staff acknowledge the version in
-- force before they may submit or approve posts.
--
-- No policy text is shipped here. A policy only binds staff once the
-- organisation has written (or adapted) and published it itself: a text
-- published by a migration would start gating every user of a production
-- system against words nobody there approved. The demo's starter policy is
-- in sql/seed-demo.sql, loaded by src/stack/stack.sh only.

-- A page. slug is the address in use: the published revision's slug, or
-- the newest draft's while the page was never published. Drafts may
-- propose a new slug, which takes effect when they are published.
CREATE TABLE policy_pages (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug VARCHAR(64) NOT NULL,
  latest_revision INT UNSIGNED NOT NULL,
  published_revision INT UNSIGNED NULL,
  created_by INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY policy_pages_slug (slug),
  CONSTRAINT policy_pages_user_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every save, numbered 1, 2, 3 … per page; never changed afterwards.
CREATE TABLE policy_revisions (
  page_id INT UNSIGNED NOT NULL,
  revision INT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  slug VARCHAR(64) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  note VARCHAR(300) NOT NULL DEFAULT '',
  editor_id INT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (page_id, revision),
  CONSTRAINT policy_revisions_page_fk FOREIGN KEY (page_id) REFERENCES policy_pages (id),
  CONSTRAINT policy_revisions_user_fk FOREIGN KEY (editor_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The policy version in force (0: nothing published yet, nobody is
-- gated). One row, locked by every publication so versions are numbered
-- without gaps or duplicates.
CREATE TABLE policy_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  version INT UNSIGNED NOT NULL
) ENGINE=InnoDB;
INSERT INTO policy_head (id, version) VALUES (1, 0);

-- One row per version: the material change (page and revision) that
-- raised it. The first publication of all creates version 1.
CREATE TABLE policy_versions (
  version INT UNSIGNED NOT NULL PRIMARY KEY,
  page_id INT UNSIGNED NOT NULL,
  revision INT UNSIGNED NOT NULL,
  note VARCHAR(300) NOT NULL DEFAULT '',
  created_by INT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT policy_versions_rev_fk FOREIGN KEY (page_id, revision)
    REFERENCES policy_revisions (page_id, revision)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every publication of a revision, in order; version is the policy
-- version in force after it (unchanged by a minor edit).
CREATE TABLE policy_publications (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  page_id INT UNSIGNED NOT NULL,
  revision INT UNSIGNED NOT NULL,
  kind ENUM('minor', 'material') NOT NULL,
  version INT UNSIGNED NOT NULL,
  published_by INT UNSIGNED NOT NULL,
  published_at DATETIME(6) NOT NULL,
  UNIQUE KEY policy_publications_rev (page_id, revision),
  CONSTRAINT policy_publications_rev_fk FOREIGN KEY (page_id, revision)
    REFERENCES policy_revisions (page_id, revision)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "I have read and will follow this policy": who, which version, when.
-- publication_id is the newest publication at that moment, i.e. exactly
-- the texts the user had in front of them; the next acknowledgement page
-- shows what changed since. An acknowledgement counts while its version
-- is current and it is younger than Policy.AckValidDays.
CREATE TABLE policy_acks (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  publication_id INT UNSIGNED NOT NULL,
  acknowledged_at DATETIME(6) NOT NULL,
  KEY policy_acks_user (user_id, id),
  CONSTRAINT policy_acks_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT policy_acks_version_fk FOREIGN KEY (version) REFERENCES policy_versions (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
