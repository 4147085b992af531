<?xml version="1.0" encoding="utf-8"?>
<?cs # The public Atom feed (RFC 4287), rendered alone (no layout.cs) by
  src/pages/feed.c. Every var: is escaped for HTML, which also makes it
  safe XML text and attribute content; the handler has already removed
  characters XML 1.0 forbids. A withdrawn post is an RFC 6721 tombstone.
  The image's alt text is Media RSS's media:description (and the
  enclosure's title): an Atom summary would stand in for the post's text
  in many readers. ?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0" xmlns:media="http://search.yahoo.com/mrss/">
  <id><?cs var:Feed.Id ?></id>
  <title type="text"><?cs var:Feed.Title ?></title>
  <updated><?cs var:Feed.Updated ?></updated>
  <author>
    <name><?cs var:Feed.Author ?></name>
    <uri><?cs var:Feed.Home ?></uri>
  </author>
  <link rel="self" type="application/atom+xml" href="<?cs var:Feed.Self ?>"/>
  <link rel="alternate" type="text/html" href="<?cs var:Feed.Home ?>"/>
  <generator>Clearpost</generator>
<?cs each:e = Feed.Entries ?><?cs if:e.Deleted ?>  <at:deleted-entry ref="<?cs var:e.Id ?>" when="<?cs var:e.When ?>"/>
<?cs else ?>  <entry>
    <id><?cs var:e.Id ?></id>
    <title type="text"><?cs var:e.Title ?></title>
    <published><?cs var:e.Published ?></published>
    <updated><?cs var:e.Updated ?></updated>
    <content type="text"><?cs var:e.Content ?></content>
<?cs if:e.Media.Href ?>    <link rel="enclosure" href="<?cs var:e.Media.Href ?>" type="<?cs var:e.Media.Type ?>" length="<?cs var:e.Media.Length ?>"<?cs if:e.Media.Alt ?> title="<?cs var:e.Media.Alt ?>"<?cs /if ?>/>
    <media:content url="<?cs var:e.Media.Href ?>" type="<?cs var:e.Media.Type ?>" fileSize="<?cs var:e.Media.Length ?>" medium="image"><?cs if:e.Media.Alt ?><media:description type="plain"><?cs var:e.Media.Alt ?></media:description><?cs /if ?></media:content>
<?cs /if ?>  </entry>
<?cs /if ?><?cs /each ?></feed>
