<h1>Administration</h1>
<nav aria-label="Administration">
<ul>
<li><a href="/admin/accounts">Accounts</a> — the social accounts posts are published to: add, test, disable</li>
<li><a href="/admin/settings">Settings</a> — organisation name, the scanner's allow-list, session timeout, records retention and legal hold</li>
<li><a href="/admin/deliveries">Deliveries that need attention</a> — failed or unconfirmed publications: retry, cancel or confirm</li>
</ul>
</nav>
<section aria-labelledby="users-h">
<h2 id="users-h">Users</h2>
<table>
<caption class="sr-only">All users and their roles</caption>
<thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Created (UTC)</th></tr></thead>
<tbody>
<?cs each:u = Users ?>
<tr><td><?cs var:u.Name ?></td><td><?cs var:u.Role ?></td><td><?cs if:u.Active == "1" ?>active<?cs else ?>disabled<?cs /if ?></td><td><?cs var:u.Created ?></td></tr>
<?cs /each ?>
</tbody>
</table>
</section>
<section aria-labelledby="audit-h">
<h2 id="audit-h">Recent audit entries</h2>
<?cs if:subcount(Audit) ?>
<table>
<caption class="sr-only">The 20 most recent audit entries, newest first</caption>
<thead><tr><th scope="col">#</th><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">From</th><th scope="col">Detail</th></tr></thead>
<tbody>
<?cs each:a = Audit ?>
<tr><td><?cs var:a.Id ?></td><td><?cs var:a.At ?></td><td><?cs var:a.Actor ?></td><td><?cs var:a.Action ?></td><td><?cs var:a.Object ?></td><td><?cs var:a.Ip ?></td><td><?cs var:a.Detail ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No audit entries yet.</p>
<?cs /if ?>
</section>
