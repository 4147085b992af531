#include "diff.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../core/render.h"

struct word {
	const char *p;
	size_t n;
};

/* Counts the words of s (each with the spaces that follow it) and, when
 * w is not NULL, records them. */
static size_t
split(const char *s, struct word *w)
{
	size_t n = 0;
	while (*s) {
		const char *start = s;
		while (*s && *s != ' ' && *s != '\n' && *s != '\t')
			s++;
		while (*s == ' ' || *s == '\n' || *s == '\t')
			s++;
		if (w != NULL) {
			w[n].p = start;
			w[n].n = (size_t)(s - start);
		}
		n++;
	}
	return n;
}

/* Compares words ignoring the trailing spaces. */
static int
same(const struct word *a, const struct word *b)
{
	size_t la = a->n, lb = b->n;
	while (la > 0 && (a->p[la - 1] == ' ' || a->p[la - 1] == '\n' ||
	    a->p[la - 1] == '\t'))
		la--;
	while (lb > 0 && (b->p[lb - 1] == ' ' || b->p[lb - 1] == '\n' ||
	    b->p[lb - 1] == '\t'))
		lb--;
	return la == lb && memcmp(a->p, b->p, la) == 0;
}

/* Consecutive words with the same operation form one run, shown as one
 * <del> or <ins>: texts are contiguous in their source, so a run is a
 * pointer and a length. */
struct run {
	const char *op;
	const char *p;
	size_t n;
};

static int
flush(struct req *r, const char *prefix, size_t *k, struct run *run)
{
	char key[128];
	if (run->op == NULL)
		return 0;
	snprintf(key, sizeof(key), "%s.%zu.Op", prefix, *k);
	if (render_set(r, key, run->op) < 0)
		return -1;
	snprintf(key, sizeof(key), "%s.%zu.Text", prefix, *k);
	char *text = arena_strndup(&r->arena, run->p, run->n);
	(*k)++;
	run->op = NULL;
	return text && render_set(r, key, text) == 0 ? 0 : -1;
}

static int
emit(struct req *r, const char *prefix, size_t *k, struct run *run,
    const char *op, const struct word *w)
{
	if (run->op == op && run->p + run->n == w->p) {
		run->n += w->n;
		return 0;
	}
	if (flush(r, prefix, k, run) < 0)
		return -1;
	run->op = op;
	run->p = w->p;
	run->n = w->n;
	return 0;
}

int
diff_words_to_hdf_at(struct req *r, const char *prefix, const char *old,
    const char *new_text, size_t max_words)
{
	static const char op_same[] = "same", op_del[] = "del", op_ins[] = "ins";
	char key[128];
	size_t na = split(old, NULL), nb = split(new_text, NULL);
	struct word *a = arena_alloc(&r->arena, (na + 1) * sizeof(*a));
	struct word *b = arena_alloc(&r->arena, (nb + 1) * sizeof(*b));
	if (a == NULL || b == NULL)
		return -1;
	split(old, a);
	split(new_text, b);
	/* Words both texts start and end with are not compared: only the
	 * middle, usually small, needs the table. */
	size_t head = 0, tail = 0;
	while (head < na && head < nb && same(&a[head], &b[head]))
		head++;
	while (tail < na - head && tail < nb - head &&
	    same(&a[na - 1 - tail], &b[nb - 1 - tail]))
		tail++;
	size_t n = na - head - tail, m = nb - head - tail;
	if (n > max_words || m > max_words || max_words > 20000) {
		snprintf(key, sizeof(key), "%s.TooLong", prefix);
		return render_set(r, key, "1");
	}
	const struct word *ma = a + head, *mb = b + head;
	/* LCS lengths from the end: l[i][j] for ma[i..n), mb[j..m). */
	uint16_t *l = arena_alloc(&r->arena, (n + 1) * (m + 1) * sizeof(*l));
	if (l == NULL)
		return -1;
	for (size_t i = n + 1; i-- > 0;)
		for (size_t j = m + 1; j-- > 0;) {
			uint16_t *c = &l[i * (m + 1) + j];
			if (i == n || j == m)
				*c = 0;
			else if (same(&ma[i], &mb[j]))
				*c = (uint16_t)(l[(i + 1) * (m + 1) + j + 1] + 1);
			else {
				uint16_t down = l[(i + 1) * (m + 1) + j];
				uint16_t right = l[i * (m + 1) + j + 1];
				*c = down > right ? down : right;
			}
		}
	struct run run = { NULL, NULL, 0 };
	size_t k = 0;
	for (size_t i = 0; i < head; i++)
		if (emit(r, prefix, &k, &run, op_same, &b[i]) < 0)
			return -1;
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		int rc;
		if (i < n && j < m && same(&ma[i], &mb[j])) {
			rc = emit(r, prefix, &k, &run, op_same, &mb[j]);
			i++;
			j++;
		} else if (j < m && (i == n || l[i * (m + 1) + j + 1] >=
		    l[(i + 1) * (m + 1) + j])) {
			rc = emit(r, prefix, &k, &run, op_ins, &mb[j++]);
		} else {
			rc = emit(r, prefix, &k, &run, op_del, &ma[i++]);
		}
		if (rc < 0)
			return -1;
	}
	for (size_t t = nb - tail; t < nb; t++)
		if (emit(r, prefix, &k, &run, op_same, &b[t]) < 0)
			return -1;
	return flush(r, prefix, &k, &run);
}

int
diff_words_to_hdf(struct req *r, const char *old, const char *new_text)
{
	return diff_words_to_hdf_at(r, "Diff", old, new_text, DIFF_MAX_WORDS);
}
