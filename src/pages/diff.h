/* diff.h — a word-level diff of two texts: the review page (what changed
 * since a rejection) and the policy pages (between revisions, and since a
 * user's last acknowledgement). */
#ifndef CP_DIFF_H
#define CP_DIFF_H

#include "../core/request.h"

/* Sets Diff.N.Op ("same", "del", "ins") and Diff.N.Text for the change
 * from old to new, word by word (spaces kept with their words). When the
 * part that differs (after the words both texts start and end with) has
 * more than DIFF_MAX_WORDS words on either side, Diff.TooLong is set
 * instead. Returns 0 or -1. */
#define DIFF_MAX_WORDS 800
int diff_words_to_hdf(struct req *r, const char *old, const char *new_text);

/* The same under prefix (e.g. "Changes.2.Diff"), with up to max_words
 * differing words per side (the table of the comparison takes
 * 2 * max_words^2 bytes of the request's arena). Returns 0 or -1. */
int diff_words_to_hdf_at(struct req *r, const char *prefix, const char *old,
    const char *new_text, size_t max_words);

#endif
