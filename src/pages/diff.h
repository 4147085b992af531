/* diff.h — a word-level diff of two texts for the review page. */
#ifndef CP_DIFF_H
#define CP_DIFF_H

#include "../core/request.h"

/* Sets Diff.N.Op ("same", "del", "ins") and Diff.N.Text for the change
 * from old to new, word by word (spaces kept with their words). Texts over
 * DIFF_MAX_WORDS words set Diff.TooLong instead. Returns 0 or -1. */
#define DIFF_MAX_WORDS 800
int diff_words_to_hdf(struct req *r, const char *old, const char *new_text);

#endif
