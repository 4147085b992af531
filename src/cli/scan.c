/* scan.c — `clearpost scan`: the PHI scanner over files or stdin, one JSON
 * object per document on stdout. Never prints the matched text itself. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "../phi/phi.h"
#include "cli.h"

static int
scan_usage(void)
{
	fprintf(stderr, "usage: clearpost scan [--lines] [--allow FILE] "
	    "[FILE...]\n"
	    "  Reads the files (or stdin) and prints one JSON object per\n"
	    "  document: {\"doc\": N, \"findings\": [{\"start\": S, \"end\": E,\n"
	    "  \"category\": C, \"severity\": \"block\"|\"review\", \"rule\": R}]}\n"
	    "  --lines       every input line is a document\n"
	    "  --allow FILE  allow-list: lines 'phone|domain|address|hashtag|"
	    "name|handle: value'\n");
	return 2;
}

static int
read_stream(FILE *f, struct sbuf *b)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sbuf_append(b, chunk, n);
	return ferror(f) || b->failed ? -1 : 0;
}

int
cli_read_file(const char *command, const char *path, struct sbuf *b)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "clearpost %s: %s: %s\n", command, path,
		    strerror(errno));
		return -1;
	}
	int rc = read_stream(f, b);
	fclose(f);
	if (rc < 0)
		fprintf(stderr, "clearpost %s: %s: read error\n", command, path);
	return rc;
}

static void
print_doc(FILE *out, unsigned long doc, const struct phi_findings *f)
{
	fprintf(out, "{\"doc\": %lu, \"findings\": [", doc);
	for (size_t i = 0; i < f->n; i++) {
		const struct phi_finding *x = &f->items[i];
		fprintf(out, "%s{\"start\": %zu, \"end\": %zu, \"category\": "
		    "\"%s\", \"severity\": \"%s\", \"rule\": \"%s\"}",
		    i ? ", " : "", x->start, x->end,
		    phi_category_name(x->category),
		    phi_severity_name(x->severity), x->rule);
	}
	fputs("]}\n", out);
}

static int
scan_buffer(const char *text, size_t len, int lines,
    const struct phi_config *cfg, struct phi_findings *f, unsigned long *doc)
{
	if (!lines) {
		if (phi_scan(text, len, cfg, f) < 0)
			return -1;
		print_doc(stdout, ++*doc, f);
		return 0;
	}
	size_t p = 0;
	while (p < len) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - text) : len;
		size_t l = e;
		if (l > p && text[l - 1] == '\r')
			l--;
		if (phi_scan(text + p, l - p, cfg, f) < 0)
			return -1;
		print_doc(stdout, ++*doc, f);
		p = e + 1;
	}
	return 0;
}

int
cli_scan(int argc, char **argv)
{
	struct phi_config cfg;
	struct phi_findings f;
	struct sbuf b;
	unsigned long doc = 0;
	int lines = 0, rc = 1, nfiles = 0;
	static char outbuf[1 << 16];

	phi_config_init(&cfg);
	phi_findings_init(&f);
	sbuf_init(&b);
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--lines") == 0) {
			lines = 1;
		} else if (strcmp(argv[i], "--allow") == 0 && i + 1 < argc) {
			if (cli_read_file("scan", argv[++i], &b) < 0)
				goto out;
			int bad = phi_config_parse(&cfg, b.data ? b.data : "", b.len);
			if (bad) {
				fprintf(stderr, "clearpost scan: %s:%d: expected "
				    "'kind: value'\n", argv[i], bad);
				rc = 2;
				goto out;
			}
			sbuf_free(&b);
		} else if (strcmp(argv[i], "--help") == 0) {
			scan_usage();
			rc = 0;
			goto out;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			rc = scan_usage();
			goto out;
		} else {
			nfiles++;
		}
	}
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--lines") == 0)
			continue;
		if (strcmp(argv[i], "--allow") == 0) {
			i++;
			continue;
		}
		sbuf_free(&b);
		if ((strcmp(argv[i], "-") == 0 ? read_stream(stdin, &b) :
		    cli_read_file("scan", argv[i], &b)) < 0)
			goto out;
		if (scan_buffer(b.data ? b.data : "", b.len, lines, &cfg, &f,
		    &doc) < 0)
			goto nomem;
	}
	if (nfiles == 0) {
		if (read_stream(stdin, &b) < 0) {
			fprintf(stderr, "clearpost scan: stdin: read error\n");
			goto out;
		}
		if (scan_buffer(b.data ? b.data : "", b.len, lines, &cfg, &f,
		    &doc) < 0)
			goto nomem;
	}
	rc = fflush(stdout) == 0 ? 0 : 1;
	goto out;
nomem:
	fprintf(stderr, "clearpost scan: out of memory\n");
out:
	sbuf_free(&b);
	phi_findings_free(&f);
	phi_config_free(&cfg);
	return rc;
}
