<h1>Administration</h1>
<nav aria-label="Administration">
<ul>
<li><a href="/admin/users">Users</a> — who can sign in and what they may do: create, roles, disable, reset passwords</li>
<li><a href="/admin/accounts">Accounts</a> — the social accounts posts are published to: add, test, disable</li>
<li><a href="/admin/settings">Settings</a> — organisation name, the scanner's allow-list, session timeout, records retention and legal hold</li>
<li><a href="/admin/policy">Social media policy</a> — the pages staff must read and acknowledge: write, publish, history, who has acknowledged</li>
<li><a href="/admin/deliveries">Deliveries that need attention</a> — failed or unconfirmed publications: retry, cancel or confirm</li>
<li><a href="/admin/audit">Audit log</a> — every sign-in, decision and change, searchable, with the chain's verification; download as CSV</li>
</ul>
</nav>
<section aria-labelledby="posts-h">
<h2 id="posts-h">Posts by state</h2>
<ul class="tiles" aria-label="Number of posts in each state (<?cs var:PostTotal ?> in all)">
<?cs each:s = PostStates ?><li class="tile-<?cs var:s.State ?>"><span class="n"><?cs var:s.Count ?></span> <?cs call:state_label(s.State) ?></li><?cs /each ?>
</ul>
</section>
<section aria-labelledby="waiting-h">
<h2 id="waiting-h">Waiting longest for review</h2>
<?cs if:subcount(Oldest) ?>
<p class="oldest"><a href="/review/<?cs var:Oldest.0.Id ?>"><?cs var:Oldest.0.Title ?></a> by <?cs var:Oldest.0.Author ?>, submitted <?cs var:Oldest.0.Submitted ?> UTC — waiting <strong><?cs var:Oldest.0.Waiting ?></strong>.</p>
<?cs else ?>
<p class="empty">No post is waiting for review.</p>
<?cs /if ?>
</section>
<section aria-labelledby="problems-h">
<h2 id="problems-h">Deliveries</h2>
<ul class="tiles" aria-label="Deliveries that need a person">
<li class="problem-failed<?cs if:Problems.Failed != "0" ?> attention<?cs /if ?>"><span class="n"><?cs var:Problems.Failed ?></span> failed</li>
<li class="problem-unconfirmed<?cs if:Problems.Unconfirmed != "0" ?> attention<?cs /if ?>"><span class="n"><?cs var:Problems.Unconfirmed ?></span> unconfirmed</li>
<li class="problem-retrying"><span class="n"><?cs var:Problems.Retrying ?></span> retrying</li>
</ul>
<p><a href="/admin/deliveries">Retry, cancel or confirm them</a></p>
</section>
<section aria-labelledby="ack-h">
<h2 id="ack-h">Policy acknowledgement</h2>
<p id="ack-coverage"><?cs if:Ack.Missing == "0" ?>Every author and reviewer has acknowledged the current policy.<?cs else ?><strong><?cs var:Ack.Missing ?></strong> of <?cs var:Ack.Total ?> authors and reviewers have not acknowledged the current policy and cannot submit or approve posts.<?cs /if ?> <a href="/admin/policy">Policy pages and acknowledgements</a></p>
<?cs if:subcount(Ack.Names) ?><ul class="ack-missing"><?cs each:n = Ack.Names ?><li><?cs var:n.Name ?> <span class="hint">(<?cs var:n.Roles ?>)</span></li><?cs /each ?></ul><?cs if:Ack.Missing > 20 ?><p class="hint">The first 20 are listed.</p><?cs /if ?><?cs /if ?>
</section>
<section aria-labelledby="users-h">
<h2 id="users-h">Users</h2>
<p id="user-count"><?cs var:UserCount.Active ?> active of <?cs var:UserCount.Total ?>, <?cs var:UserCount.Admins ?> of them administrators. <a href="/admin/users">Manage users</a></p>
</section>
