<h1><?cs var:Post.Title ?></h1>
<p class="meta">By <?cs var:Post.Author ?> · <span class="state state-<?cs var:Post.State ?>"><?cs call:state_label(Post.State) ?></span> · version <?cs var:Post.Version ?><?cs if:Post.Submitted ?> · submitted <?cs var:Post.Submitted ?> UTC<?cs /if ?> · <?cs if:Post.Scheduled ?>scheduled <?cs var:Post.Scheduled ?> UTC<?cs else ?>not scheduled<?cs /if ?></p>
<?cs if:Errors.Decision ?><p class="error" role="alert"><?cs var:Errors.Decision ?></p><?cs /if ?>
<?cs if:Review.PreviousVersion ?>
<section class="diff-box" aria-labelledby="diff-h">
  <h2 id="diff-h">Changes since you reviewed version <?cs var:Review.PreviousVersion ?></h2>
  <p class="notice">This post came back after a review of version <?cs var:Review.PreviousVersion ?>.</p>
  <?cs if:Diff.TooLong ?><p>The text is too long to compare word by word.</p><?cs else ?>
  <div class="post-text diff"><?cs each:d = Diff ?><?cs if:d.Op == "del" ?><del><span class="sr-only">removed: </span><?cs var:d.Text ?></del><?cs elif:d.Op == "ins" ?><ins><span class="sr-only">added: </span><?cs var:d.Text ?></ins><?cs else ?><?cs var:d.Text ?><?cs /if ?><?cs /each ?></div>
  <?cs /if ?>
</section>
<?cs /if ?>
<section aria-labelledby="text-h">
  <h2 id="text-h">Text, with <?cs var:Post.Blocks ?> blocking and <?cs var:Post.Reviews ?> other findings</h2>
  <?cs call:highlighted(Post.Seg) ?>
  <?cs call:findings_list(Post.Findings) ?>
</section>
<?cs if:Post.MediaId && Post.MediaId != "0" ?>
<section aria-labelledby="image-h">
  <h2 id="image-h">Image</h2>
  <img class="preview" src="/posts/media/<?cs var:Post.MediaId ?>" alt="<?cs var:Post.AltText ?>">
  <p><strong>Alt text:</strong> <?cs var:Post.AltText ?></p>
</section>
<?cs /if ?>
<?cs if:Post.Story == "1" ?>
<section class="story-box" aria-labelledby="story-h">
  <h2 id="story-h">Patient story: authorization</h2>
  <?cs if:Review.StoryProblem ?><p class="error">This post cannot be approved: <?cs var:Review.StoryProblem ?></p><?cs /if ?>
  <?cs each:a = StoryAuth ?><p><?cs var:a.Patient ?> · covers <?cs var:a.Covers ?> · signed <?cs var:a.Signed ?> · <?cs if:a.Expires ?>expires <?cs var:a.Expires ?><?cs else ?>no expiry<?cs /if ?> · form kept at <?cs var:a.Location ?> · verified by <?cs var:a.VerifiedBy ?></p><?cs /each ?>
</section>
<?cs /if ?>
<section aria-labelledby="targets-h">
  <h2 id="targets-h">Targets</h2>
  <?cs if:Review.TargetProblem ?><p class="error" role="note" id="target-problem"><?cs var:Review.TargetProblem ?></p><?cs /if ?>
  <ul><?cs each:a = Accounts ?><?cs if:a.Checked == "1" ?><li><?cs var:a.Name ?><?cs if:a.Limit != "0" ?> (<?cs var:a.Length ?>/<?cs var:a.Limit ?>)<?cs /if ?></li><?cs /if ?><?cs /each ?></ul>
</section>
<?cs call:deliveries(Post.Deliveries) ?>
<?cs if:Review.CanDecide == "1" ?>
<section class="decide" aria-labelledby="decide-h">
  <h2 id="decide-h">Decision</h2>
  <form method="post" action="/review/<?cs var:Post.Id ?>/approve" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="version" value="<?cs var:Post.Version ?>">
    <button type="submit" class="primary">Approve version <?cs var:Post.Version ?></button>
  </form>
  <form method="post" action="/review/<?cs var:Post.Id ?>/reject" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="version" value="<?cs var:Post.Version ?>">
    <label for="reason">Reason for rejecting (the author sees it)</label>
    <textarea id="reason" name="reason" rows="3" maxlength="1000"></textarea>
    <button type="submit" class="danger">Reject</button>
  </form>
</section>
<?cs elif:Review.OwnPost == "1" ?>
<p class="notice">You wrote or edited this post, so another privacy officer must decide on it.</p>
<?cs /if ?>
<?cs if:Hold.Admin == "1" ?>
<section class="decide" aria-labelledby="hold-h">
  <h2 id="hold-h">Legal hold</h2>
  <?cs if:Hold.On == "1" ?>
  <p id="hold-state">On legal hold since <?cs var:Hold.At ?> UTC (<?cs var:Hold.By ?>): <?cs var:Hold.Reason ?>. Retention will not delete this post or any of its records while the hold lasts.</p>
  <form method="post" action="/admin/posts/<?cs var:Post.Id ?>/release" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <label for="release-reason">Why the hold ends (recorded in the audit log)</label>
    <input id="release-reason" name="reason" type="text" maxlength="300" required>
    <button type="submit">Release the hold</button>
  </form>
  <?cs else ?>
  <p id="hold-state">Not on hold: this post is deleted when its retention period ends.</p>
  <form method="post" action="/admin/posts/<?cs var:Post.Id ?>/hold" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <label for="hold-reason">Reason for the hold (e.g. the matter or request it is kept for)</label>
    <input id="hold-reason" name="reason" type="text" maxlength="300" required>
    <button type="submit">Put on legal hold</button>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>
<p><?cs if:User.Role == "admin" ?><a href="/admin">Back to administration</a><?cs else ?><a href="/review">Back to the queue</a><?cs /if ?></p>
