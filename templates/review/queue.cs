<h1>Review queue</h1>
<?cs if:subcount(Queue) ?>
<table>
<caption class="sr-only">Posts waiting for review, soonest scheduled first, then oldest</caption>
<thead><tr><th scope="col">Title</th><th scope="col">Author</th><th scope="col">Submitted (UTC)</th><th scope="col">Scheduled (UTC)</th><th scope="col">Findings</th></tr></thead>
<tbody>
<?cs each:q = Queue ?>
<tr><td><a href="/review/<?cs var:q.Id ?>"><?cs var:q.Title ?></a></td><td><?cs var:q.Author ?></td><td><?cs var:q.Submitted ?></td><td><?cs if:q.Scheduled ?><?cs var:q.Scheduled ?><?cs else ?>—<?cs /if ?></td><td><span class="badge block"><?cs var:q.Blocks ?> block</span> <span class="badge review"><?cs var:q.Reviews ?> review</span></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<p class="empty">No posts waiting for review.</p>
<?cs /if ?>
<?cs if:subcount(Mine) ?>
<h2>My recent decisions</h2>
<ul>
<?cs each:m = Mine ?><li><?cs var:m.At ?> UTC — <?cs if:m.Decision == "approve" ?>approved<?cs else ?>rejected<?cs /if ?> “<?cs var:m.Title ?>”</li><?cs /each ?>
</ul>
<?cs /if ?>
