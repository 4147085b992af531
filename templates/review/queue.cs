<h1>Review queue</h1>
<?cs if:subcount(Queue) ?>
<?cs else ?>
<p class="empty">No posts waiting for review.</p>
<?cs /if ?>
