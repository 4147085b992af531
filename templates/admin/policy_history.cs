<h1>History of “<?cs var:Doc.Title ?>”</h1>
<p class="meta">Address: <?cs var:Doc.Slug ?> · newest revision <?cs var:Doc.Latest ?> · <?cs if:Doc.Published == "0" ?>never published<?cs else ?>revision <?cs var:Doc.Published ?> is published<?cs /if ?> · <a href="/admin/policy/<?cs var:Doc.Id ?>">Edit</a></p>
<?cs if:subcount(Revisions) > 1 ?>
<form method="get" action="/admin/policy/<?cs var:Doc.Id ?>/diff" class="filters">
  <label for="a">Compare revision</label>
  <select id="a" name="a"><?cs each:v = Revisions ?><option value="<?cs var:v.Revision ?>"<?cs if:name(v) == "1" ?> selected<?cs /if ?>><?cs var:v.Revision ?></option><?cs /each ?></select>
  <label for="b">with revision</label>
  <select id="b" name="b"><?cs each:v = Revisions ?><option value="<?cs var:v.Revision ?>"<?cs if:name(v) == "0" ?> selected<?cs /if ?>><?cs var:v.Revision ?></option><?cs /each ?></select>
  <button type="submit">Show the changes</button>
</form>
<?cs /if ?>
<table>
<caption class="sr-only">Every saved revision of this page, newest first</caption>
<thead><tr><th scope="col">Revision</th><th scope="col">Saved (UTC)</th><th scope="col">By</th><th scope="col">Title and address</th><th scope="col">Summary</th><th scope="col">Published</th><th scope="col">Changes</th></tr></thead>
<tbody>
<?cs each:v = Revisions ?>
<tr class="revision">
<td><?cs var:v.Revision ?></td>
<td><?cs var:v.At ?></td>
<td><?cs var:v.Editor ?></td>
<td><?cs var:v.Title ?> <span class="hint">(<?cs var:v.Slug ?>)</span></td>
<td><?cs var:v.Note ?></td>
<td><?cs if:v.Kind == "material" ?>as version <?cs var:v.Version ?> (needs acknowledgement), <?cs var:v.PublishedAt ?><?cs elif:v.Kind == "minor" ?>minor edit within version <?cs var:v.Version ?>, <?cs var:v.PublishedAt ?><?cs else ?><span class="muted">draft</span><?cs /if ?></td>
<td><?cs if:v.Revision > 1 ?><a href="/admin/policy/<?cs var:Doc.Id ?>/diff?a=<?cs var:v.Revision - 1 ?>&amp;b=<?cs var:v.Revision ?>">from <?cs var:v.Revision - 1 ?></a><?cs else ?><span class="muted">first</span><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<p><a href="/admin/policy">Back to the policy pages</a></p>
