<h1>Patient authorizations</h1>
<?cs if:subcount(Auths) ?>
<table>
<caption class="sr-only">Authorizations recorded for patient stories, newest first</caption>
<thead><tr><th scope="col">Patient</th><th scope="col">Covers</th><th scope="col">Signed</th><th scope="col">Expires</th><th scope="col">Form kept at</th><th scope="col">Recorded by</th><th scope="col">Status</th></tr></thead>
<tbody>
<?cs each:a = Auths ?>
<tr><td><?cs var:a.Patient ?></td><td><?cs var:a.Covers ?></td><td><?cs var:a.Signed ?></td><td><?cs if:a.Expires ?><?cs var:a.Expires ?><?cs else ?>no expiry<?cs /if ?><?cs if:a.Expired == "1" ?> <strong class="state-expired">(expired)</strong><?cs /if ?></td><td><?cs var:a.Location ?></td><td><?cs var:a.CreatedBy ?></td>
<td><?cs if:a.Verified == "1" ?>verified by <?cs var:a.VerifiedBy ?><?cs elif:a.CreatedBy == User.Name ?>not verified (someone else must verify)<?cs else ?>
<form method="post" action="/review/authorizations/<?cs var:a.Id ?>/verify" class="inline"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit">Verify against the form</button></form><?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No authorizations recorded.</p>
<?cs /if ?>
