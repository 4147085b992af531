<h1><?cs var:Error.Reason ?></h1>
<p class="error-text"><?cs var:Error.Message ?></p>
<?cs if:Error.AckNeeded == "1" ?><p><a class="button primary" href="/policy/acknowledge<?cs if:Error.AckNext ?>?next=<?cs var:Error.AckNext ?><?cs /if ?>">Read the policy and acknowledge it</a></p><?cs /if ?>
<p><?cs if:User.Home ?><a href="<?cs var:User.Home ?>">Back to your start page</a><?cs else ?><a href="/login">Go to sign in</a><?cs /if ?></p>
<p class="muted">Reference: <code><?cs var:Request.Id ?></code> (<?cs var:Error.Status ?>)</p>
