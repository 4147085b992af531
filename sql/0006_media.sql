-- One image per post, stored after its metadata was stripped (EXIF, XMP,
-- PNG text chunks); the approval hash covers its SHA-256 and alt text.
CREATE TABLE media (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id INT UNSIGNED NOT NULL,
  mime VARCHAR(32) NOT NULL,
  sha256 BINARY(32) NOT NULL,
  bytes MEDIUMBLOB NOT NULL,
  created_by INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  KEY media_post (post_id),
  CONSTRAINT media_post_fk FOREIGN KEY (post_id) REFERENCES posts (id)
) ENGINE=InnoDB;

ALTER TABLE posts
  ADD COLUMN media_id INT UNSIGNED NULL AFTER authorization_id,
  ADD COLUMN alt_text VARCHAR(1000) NOT NULL DEFAULT '' AFTER media_id,
  ADD CONSTRAINT posts_media_fk FOREIGN KEY (media_id) REFERENCES media (id);
