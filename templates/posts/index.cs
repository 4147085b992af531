<div class="heading-row">
<h1>My posts</h1>
<a class="button primary" href="/posts/new">New post</a>
</div>
<form method="get" action="/posts" class="filters">
  <label for="state">Show</label>
  <select id="state" name="state">
    <option value="">all states</option>
    <?cs each:s = States ?><option value="<?cs var:s ?>"<?cs if:Filter.State == s ?> selected<?cs /if ?>><?cs call:state_label(s) ?></option><?cs /each ?>
  </select>
  <button type="submit">Filter</button>
</form>
<?cs if:subcount(Posts) ?>
<table>
<caption class="sr-only">Your posts, most recently changed first</caption>
<thead><tr><th scope="col">Title</th><th scope="col">State</th><th scope="col">Last change (UTC)</th><th scope="col">Targets</th><th scope="col">Scheduled (UTC)</th><th scope="col">Version</th></tr></thead>
<tbody>
<?cs each:p = Posts ?>
<tr><td><a href="/posts/<?cs var:p.Id ?>"><?cs var:p.Title ?></a></td><td><span class="state state-<?cs var:p.State ?>"><?cs call:state_label(p.State) ?></span></td><td><?cs var:p.Updated ?></td><td><?cs var:p.TargetNames ?></td><td><?cs if:p.Scheduled ?><?cs var:p.Scheduled ?><?cs else ?>not scheduled<?cs /if ?></td><td><?cs var:p.Version ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<nav class="paging" aria-label="Pages">
<?cs if:Paging.Prev ?><a href="/posts?page=<?cs var:Paging.Prev ?><?cs if:Filter.State ?>&amp;state=<?cs var:Filter.State ?><?cs /if ?>">Newer</a><?cs /if ?>
<span>Page <?cs var:Paging.Page ?> · <?cs var:Paging.Total ?> posts</span>
<?cs if:Paging.Next ?><a href="/posts?page=<?cs var:Paging.Next ?><?cs if:Filter.State ?>&amp;state=<?cs var:Filter.State ?><?cs /if ?>">Older</a><?cs /if ?>
</nav>
<?cs else ?>
<p class="empty">No posts yet.</p>
<?cs /if ?>
