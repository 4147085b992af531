<h1>Deliveries that need attention</h1>
<p>Posts that could not be published to an account, or whose publication the platform did not confirm. One failed account never stops the others.</p>
<?cs if:subcount(Deliveries) ?>
<table>
<caption class="sr-only">Failed, unconfirmed and retrying deliveries, oldest first</caption>
<thead><tr><th scope="col">Post</th><th scope="col">Account</th><th scope="col">State</th><th scope="col">What happened</th><th scope="col">Actions</th></tr></thead>
<tbody>
<?cs each:d = Deliveries ?>
<tr class="delivery delivery-<?cs var:d.State ?>">
<td><a href="/review/<?cs var:d.PostId ?>"><?cs var:d.Title ?></a> <span class="hint">(version <?cs var:d.Version ?>)</span></td>
<td><?cs var:d.Account ?> <span class="hint">(<?cs var:d.Platform ?>)</span></td>
<td><span class="state state-<?cs var:d.State ?>"><?cs var:d.State ?></span></td>
<td><?cs if:d.State == "retrying" ?>Attempt <?cs var:d.Attempts ?>; next at <?cs var:d.Next ?> UTC. <?cs /if ?><?cs var:d.Error ?><?cs if:d.ErrorClass ?> <span class="hint">(<?cs var:d.ErrorClass ?>)</span><?cs /if ?></td>
<td>
<?cs if:d.State == "failed" || d.State == "unconfirmed" ?>
<form method="post" action="/admin/deliveries/<?cs var:d.Id ?>/retry" class="inline"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit"><?cs if:d.State == "unconfirmed" ?>Not on the account: send again<?cs else ?>Retry<?cs /if ?></button></form>
<?cs /if ?>
<?cs if:d.State == "unconfirmed" ?>
<form method="post" action="/admin/deliveries/<?cs var:d.Id ?>/confirm" class="stack">
<input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<label for="url-<?cs var:d.Id ?>">Link to the live post (optional)</label>
<input id="url-<?cs var:d.Id ?>" name="url" type="url" maxlength="500">
<button type="submit">It is on the account: mark published</button>
</form>
<?cs /if ?>
<form method="post" action="/admin/deliveries/<?cs var:d.Id ?>/cancel" class="inline"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit">Cancel</button></form>
</td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">Nothing needs attention: every delivery went out or is on its way.</p>
<?cs /if ?>
