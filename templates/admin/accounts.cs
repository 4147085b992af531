<h1>Accounts</h1>
<p>The organisation's social accounts. Authors choose among the active ones that an administrator registered for official use (with an owner and a purpose) when they write a post; approved posts are published to them. Credentials are stored encrypted and never shown again after saving.</p>
<section aria-labelledby="accounts-h">
<h2 id="accounts-h">All accounts</h2>
<?cs if:subcount(Accounts) ?>
<table>
<caption class="sr-only">Every account, its state and its last connection test</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Platform</th><th scope="col">Handle</th><th scope="col">State</th><th scope="col">Register</th><th scope="col">Last test (UTC)</th><th scope="col">Actions</th></tr></thead>
<tbody>
<?cs each:a = Accounts ?>
<tr>
<td><a href="/admin/accounts/<?cs var:a.Id ?>"><?cs var:a.Name ?></a></td>
<td><?cs var:a.Title ?></td>
<td><?cs var:a.Handle ?></td>
<td><span class="state state-<?cs var:a.State ?>"><?cs call:account_state(a.State) ?></span><?cs if:a.HasCredentials == "0" && a.Platform != "feed" ?> <span class="muted">(no credentials)</span><?cs /if ?></td>
<td><?cs if:a.Registered == "1" ?>registered · <?cs var:a.Owner ?><?cs else ?><span class="muted">not registered</span><?cs /if ?></td>
<td><?cs if:a.TestAt ?><?cs var:a.TestAt ?> — <?cs if:a.TestOk == "1" ?>ok<?cs else ?>failed<?cs /if ?>: <?cs var:a.TestDetail ?><?cs else ?><span class="muted">never tested</span><?cs /if ?></td>
<td>
  <form method="post" action="/admin/accounts/<?cs var:a.Id ?>/test" class="inline"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit">Test<span class="sr-only"> <?cs var:a.Name ?></span></button></form>
  <?cs if:a.State == "active" || a.State == "reauth" ?>
  <form method="post" action="/admin/accounts/<?cs var:a.Id ?>/disable" class="inline"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit" class="danger">Disable<span class="sr-only"> <?cs var:a.Name ?></span></button></form>
  <?cs else ?>
  <form method="post" action="/admin/accounts/<?cs var:a.Id ?>/enable" class="inline"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit">Enable<span class="sr-only"> <?cs var:a.Name ?></span></button></form>
  <?cs /if ?>
</td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No accounts yet.</p>
<?cs /if ?>
</section>
<section aria-labelledby="add-h">
<h2 id="add-h">Add an account</h2>
<ul>
<?cs each:k = Kinds ?><li><a href="/admin/accounts/new?platform=<?cs var:k.Platform ?>"><?cs var:k.Title ?></a></li>
<?cs /each ?>
</ul>
</section>
<p><a href="/admin">Back to administration</a></p>
