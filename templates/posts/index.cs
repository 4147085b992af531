<h1>My posts</h1>
<?cs if:subcount(Posts) ?>
<?cs else ?>
<p class="empty">No posts yet.</p>
<?cs /if ?>
