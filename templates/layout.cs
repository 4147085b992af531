<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> · Clearpost</title>
<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/app.css">
<script src="/static/js/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Clearpost</a><?cs if:Site.Name && Site.Name != "Clearpost" ?> <span class="org"><?cs var:Site.Name ?></span><?cs /if ?>
  <?cs if:User.Name ?>
  <?cs if:!User.MustChangePassword ?>
  <nav aria-label="Main">
    <ul>
      <?cs if:User.Roles.Author ?><li><a href="/posts"<?cs if:Request.Path == "/posts" ?> aria-current="page"<?cs /if ?>>My posts</a></li><?cs /if ?>
      <?cs if:User.Roles.Reviewer || User.Roles.Admin ?><li><a href="/review/authorizations"<?cs if:Request.Path == "/review/authorizations" ?> aria-current="page"<?cs /if ?>>Authorizations</a></li><?cs /if ?>
      <?cs if:User.Roles.Reviewer ?><li><a href="/review"<?cs if:Request.Path == "/review" ?> aria-current="page"<?cs /if ?>>Review queue<?cs if:User.Waiting != "0" ?> <span class="badge-count" aria-label="<?cs var:User.Waiting ?> posts await review"><?cs var:User.Waiting ?></span><?cs /if ?></a></li><?cs /if ?>
      <?cs if:User.Roles.Admin ?><li><a href="/admin"<?cs if:Request.Path == "/admin" ?> aria-current="page"<?cs /if ?>>Administration</a></li><?cs /if ?>
      <?cs if:User.Roles.Admin ?><li><a href="/admin/audit"<?cs if:Request.Path == "/admin/audit" ?> aria-current="page"<?cs /if ?>>Audit log</a></li><?cs /if ?>
      <li><a href="/policy"<?cs if:Request.Path == "/policy" ?> aria-current="page"<?cs /if ?>>Policy</a></li>
      <li><a href="/notifications"<?cs if:Request.Path == "/notifications" ?> aria-current="page"<?cs /if ?>>Notifications<?cs if:User.Unread != "0" ?> <span class="badge-count" aria-label="<?cs var:User.Unread ?> unread"><?cs var:User.Unread ?></span><?cs /if ?></a></li>
      <li><a href="/password"<?cs if:Request.Path == "/password" ?> aria-current="page"<?cs /if ?>>Password</a></li>
    </ul>
  </nav>
  <?cs /if ?>
  <div class="who">
    <span>Signed in as <strong class="username"><?cs var:User.Name ?></strong> (<?cs var:User.RoleList ?>)</span>
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <button type="submit">Sign out</button>
    </form>
  </div>
  <?cs /if ?>
</header>
<main id="main" tabindex="-1">
<?cs include:"macros.cs" ?>
<?cs if:Flash ?><p class="notice" role="status"><?cs var:Flash ?></p><?cs /if ?>
<?cs if:Policy.AckNeeded == "1" ?><p class="error policy-banner" role="note"><strong>Please read the social media policy.</strong> Until you confirm that you have read the current version and will follow it, you can read and write drafts but cannot <?cs var:Policy.AckBlocked ?> posts. <a href="/policy/acknowledge?next=<?cs var:Request.Path ?>">Read it and acknowledge it</a></p><?cs /if ?>
<?cs include:Page.Template ?>
</main>
<footer class="bottom">Clearpost · nothing identifying a patient reaches a public feed.</footer>
</body>
</html>
