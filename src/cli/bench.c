/* bench.c — `clearpost bench [FILE...]`: the scanner's throughput on one
 * core over generated drafts (ten posts, half clean health-education
 * posts, half with PHI, over and over), as one text and as separate posts,
 * at 1 MB and 10 MB to show it is linear; and, with files, over their
 * drafts, one per line, post by post. Ten posts repeated are easy on the
 * processor's branch prediction; hundreds of different drafts are what a
 * desk of authors sends, so that figure is the one to believe. CPU time of
 * this process, best of nine rounds (a shared VM is noisy). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "../phi/phi.h"
#include "cli.h"

static const char *const posts[] = {
	"Flu shots are available at all of our clinics Mon-Fri 8am-5pm. "
	"Adults over 50 should also ask about the shingles vaccine.",
	"Happy 101st birthday to Mrs. Eleanor Whitfield in Room 214! Our "
	"team celebrated with her daughter Karen this morning.",
	"1 in 4 adults has high blood pressure; a reading above 130/80 "
	"needs a follow-up. Learn more at https://www.cdc.gov/bloodpressure",
	"Baby Mateo Alvarez went home today after 63 days in our NICU. He "
	"was born 3/14/2024 at 1 lb 9 oz. Follow his story at "
	"gofundme.com/f/mateo-strong",
	"World Heart Day is September 29. Take the stairs, eat more greens "
	"and know your numbers. #WearRed",
	"Thank you to the family of patient John Carter (MRN 00482913) for "
	"the kind card. Call them at (410) 555-0147.",
	"Take 400 mg every 6 hours as needed, no more than 4 doses a day. "
	"Call 911 or 988 in an emergency.",
	"Rachel's recovery after her transplant on Aug 9, 2023 has been "
	"amazing. She lives at 42 Maple Street, Towson, MD 21204.",
	"May is Mental Health Awareness Month. Hodgkin's lymphoma and "
	"Parkinson's disease research updates from Cleveland Clinic.",
	"Our 96-year-old veteran Walter (bed 3) shared his story; email "
	"his grandson at tom.reyes@example.com or text 443-555-0199.",
};

static double
cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
build(struct sbuf *b, size_t size)
{
	size_t i = 0;
	while (b->len < size && !b->failed) {
		sbuf_puts(b, posts[i % (sizeof(posts) / sizeof(posts[0]))]);
		sbuf_puts(b, "\n");
		i++;
	}
}

/* Appends to out the drafts of text, one per line, as plain text: empty
 * lines and lines starting with "# " are left out, and the labels of
 * labelled drafts ("{{NAME:" and "}}", tests/phi/README.md) are taken
 * away. Returns the number of drafts. */
static size_t
plain_drafts(const struct sbuf *text, struct sbuf *out)
{
	size_t n = 0, p = 0;
	while (p < text->len) {
		const char *line = text->data + p;
		const char *nl = memchr(line, '\n', text->len - p);
		size_t len = nl ? (size_t)(nl - line) : text->len - p;
		p += len + 1;
		if (len == 0 || (len >= 2 && line[0] == '#' && line[1] == ' '))
			continue;
		for (size_t k = 0; k < len; k++) {
			if (k + 1 < len && line[k] == '{' && line[k + 1] == '{') {
				const char *colon = memchr(line + k, ':', len - k);
				if (colon != NULL) {
					k = (size_t)(colon - line);
					continue;
				}
			}
			if (k + 1 < len && line[k] == '}' && line[k + 1] == '}') {
				k++;
				continue;
			}
			sbuf_append(out, line + k, 1);
		}
		sbuf_puts(out, "\n");
		n++;
	}
	return n;
}

/* Scans b once, as one text or line by line; returns MB/s of CPU time
 * (-1 when out of memory) and the number of findings. */
static double
measure_once(const struct sbuf *b, int per_line, struct phi_findings *f,
    size_t *findings)
{
	double t0 = cpu_seconds();
	size_t total = 0;
	if (!per_line) {
		if (phi_scan(b->data, b->len, NULL, f) < 0)
			return -1;
		total = f->n;
	} else {
		size_t p = 0;
		while (p < b->len) {
			const char *nl = memchr(b->data + p, '\n', b->len - p);
			size_t e = nl ? (size_t)(nl - b->data) : b->len;
			if (phi_scan(b->data + p, e - p, NULL, f) < 0)
				return -1;
			total += f->n;
			p = e + 1;
		}
	}
	double secs = cpu_seconds() - t0;
	*findings = total;
	return secs > 0 ? (double)b->len / 1e6 / secs : 0;
}

enum { ROUNDS = 9, NSIZES = 2 };

int
cli_bench(int argc, char **argv)
{
	static const size_t sizes[NSIZES] = { 1000000, 10000000 };
	struct phi_findings f;
	struct sbuf b[NSIZES], files, drafts, mixed;
	double best[NSIZES][2] = { { 0 } }, best_drafts = 0;
	size_t found[NSIZES] = { 0 }, found_drafts = 0, ndrafts = 0;
	int rc = 1;
	for (int i = 0; i < argc; i++)
		if (argv[i][0] == '-') {
			fprintf(stderr, "usage: clearpost bench [FILE...]\n");
			return 2;
		}
	phi_findings_init(&f);
	sbuf_init(&files);
	sbuf_init(&drafts);
	sbuf_init(&mixed);
	for (size_t k = 0; k < NSIZES; k++) {
		sbuf_init(&b[k]);
		build(&b[k], sizes[k]);
	}
	for (int i = 0; i < argc; i++) {
		if (cli_read_file("bench", argv[i], &files) < 0)
			goto out;
		sbuf_puts(&files, "\n");
	}
	if (argc > 0) {
		ndrafts = plain_drafts(&files, &drafts);
		if (ndrafts == 0) {
			fprintf(stderr, "clearpost bench: no drafts in the files\n");
			goto out;
		}
		while (mixed.len < sizes[0] && !mixed.failed)
			sbuf_append(&mixed, drafts.data, drafts.len);
	}
	for (size_t k = 0; k < NSIZES; k++)
		if (b[k].failed)
			goto out;
	if (files.failed || drafts.failed || mixed.failed)
		goto out;
	/* Warm up (CPU clock, caches, page faults) before anything counts. */
	for (int r = 0; r < 3; r++) {
		size_t ignored;
		if (measure_once(&b[0], 0, &f, &ignored) < 0)
			goto out;
	}
	/* Each round measures every figure once, so that a burst of work
	 * elsewhere on a shared machine slows one round of all of them
	 * rather than every run of one; the best round counts. */
	for (int r = 0; r < ROUNDS; r++) {
		for (size_t k = 0; k < NSIZES; k++)
			for (int per_line = 0; per_line < 2; per_line++) {
				double mbs = measure_once(&b[k], per_line, &f,
				    &found[k]);
				if (mbs < 0)
					goto out;
				if (mbs > best[k][per_line])
					best[k][per_line] = mbs;
			}
		if (ndrafts > 0) {
			double mbs = measure_once(&mixed, 1, &f, &found_drafts);
			if (mbs < 0)
				goto out;
			if (mbs > best_drafts)
				best_drafts = mbs;
		}
	}
	printf("PHI scanner, one core, CPU time, best of %d rounds:\n", ROUNDS);
	for (size_t k = 0; k < NSIZES; k++)
		printf("  %5.1f MB  as one text: %7.1f MB/s   as posts (one per "
		    "line): %7.1f MB/s   findings: %zu\n", (double)b[k].len / 1e6,
		    best[k][0], best[k][1], found[k]);
	if (ndrafts > 0)
		printf("  %5.1f MB  of %zu different drafts from the files, one "
		    "post at a time: %7.1f MB/s   findings: %zu\n",
		    (double)mixed.len / 1e6, ndrafts, best_drafts, found_drafts);
	rc = 0;
out:
	for (size_t k = 0; k < NSIZES; k++)
		sbuf_free(&b[k]);
	sbuf_free(&files);
	sbuf_free(&drafts);
	sbuf_free(&mixed);
	phi_findings_free(&f);
	return rc;
}
