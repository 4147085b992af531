<h1>Social media policy</h1>
<p>The pages every author and reviewer must read and acknowledge before they submit or approve posts. <?cs if:Policy.Version == "0" ?>Nothing is published yet, so nobody is asked to acknowledge anything.<?cs else ?>Version <?cs var:Policy.Version ?> has been in force since <?cs var:Policy.VersionAt ?> UTC.<?cs /if ?> Acknowledgements last <?cs var:Policy.ValidDays ?> days. <a href="/policy">Read it as staff do</a>.</p>
<p><a class="button primary" href="/admin/policy/new">New page</a></p>
<section aria-labelledby="pages-h">
<h2 id="pages-h">Pages</h2>
<?cs if:subcount(Pages) ?>
<table>
<caption class="sr-only">Every policy page, whether it is published, and its newest revision</caption>
<thead><tr><th scope="col">Title</th><th scope="col">Address</th><th scope="col">State</th><th scope="col">Updated (UTC)</th><th scope="col">History</th></tr></thead>
<tbody>
<?cs each:p = Pages ?>
<tr>
<td><a href="/admin/policy/<?cs var:p.Id ?>"><?cs var:p.Title ?></a></td>
<td><?cs if:p.Published != "0" ?><a href="/policy/public/<?cs var:p.Slug ?>">/policy/public/<?cs var:p.Slug ?></a><?cs else ?><?cs var:p.Slug ?><?cs /if ?></td>
<td><?cs if:p.Published == "0" ?><span class="state state-draft">draft</span> (revision <?cs var:p.Latest ?>)<?cs elif:p.Published == p.Latest ?><span class="state state-published">published</span> (revision <?cs var:p.Published ?>)<?cs else ?><span class="state state-published">published</span> (revision <?cs var:p.Published ?>), newer draft: revision <?cs var:p.Latest ?><?cs /if ?></td>
<td><?cs var:p.Updated ?></td>
<td><a href="/admin/policy/<?cs var:p.Id ?>/history" aria-label="History of <?cs var:p.Title ?>">History</a></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No policy pages yet.</p>
<?cs /if ?>
</section>
<section aria-labelledby="acks-h">
<h2 id="acks-h">Acknowledgements</h2>
<?cs if:subcount(Acks) ?>
<table>
<caption class="sr-only">Active authors and reviewers and their latest acknowledgement, those who still need to acknowledge first</caption>
<thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Latest acknowledgement (UTC)</th><th scope="col">Current version</th></tr></thead>
<tbody>
<?cs each:a = Acks ?>
<tr><td><?cs var:a.Name ?></td><td><?cs var:a.Role ?></td><td><?cs if:a.Version != "0" ?>version <?cs var:a.Version ?>, <?cs var:a.At ?><?cs else ?><span class="muted">never</span><?cs /if ?></td><td><?cs if:a.Current == "1" ?>acknowledged<?cs elif:Policy.Version == "0" ?><span class="muted">nothing published</span><?cs else ?><span class="state state-rejected">needed</span><?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No active authors or reviewers.</p>
<?cs /if ?>
</section>
<p><a href="/admin">Back to administration</a></p>
