<h1>Changes from revision <?cs var:RevA.Revision ?> to revision <?cs var:RevB.Revision ?></h1>
<p class="meta">Revision <?cs var:RevA.Revision ?>: saved <?cs var:RevA.At ?> UTC by <?cs var:RevA.Editor ?> · revision <?cs var:RevB.Revision ?>: saved <?cs var:RevB.At ?> UTC by <?cs var:RevB.Editor ?></p>
<?cs if:RevA.Title != RevB.Title ?><p class="diff">Title: <del><span class="sr-only">was: </span><?cs var:RevA.Title ?></del> → <ins><span class="sr-only">now: </span><?cs var:RevB.Title ?></ins></p><?cs /if ?>
<?cs if:RevA.Slug != RevB.Slug ?><p class="diff">Address: <del><span class="sr-only">was: </span><?cs var:RevA.Slug ?></del> → <ins><span class="sr-only">now: </span><?cs var:RevB.Slug ?></ins></p><?cs /if ?>
<section aria-labelledby="text-h">
<h2 id="text-h">Text</h2>
<?cs call:word_diff(Diff) ?>
</section>
<p><a href="/admin/policy/<?cs var:Doc.Id ?>/history">Back to the history</a></p>
