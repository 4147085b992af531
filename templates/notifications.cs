<h1>Notifications</h1>
<?cs if:subcount(Notes) ?>
<form method="post" action="/notifications" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit">Mark all as read</button>
</form>
<ul class="notes">
<?cs each:n = Notes ?>
<li class="<?cs if:n.Read == "0" ?>unread<?cs /if ?>"><span class="when"><?cs var:n.At ?> UTC</span> — <?cs var:n.Message ?><?cs if:n.Post != "0" ?> <a href="<?cs if:(n.Mine == "1" && User.Roles.Author) || !(User.Roles.Reviewer || User.Roles.Admin) ?>/posts/<?cs else ?>/review/<?cs /if ?><?cs var:n.Post ?>">Open the post</a><?cs /if ?><?cs if:n.Read == "0" ?> <span class="sr-only">(unread)</span><?cs /if ?></li>
<?cs /each ?>
</ul>
<?cs else ?>
<p class="empty">No notifications.</p>
<?cs /if ?>
