/* libFuzzer target for the PHI scanner (make fuzz): any bytes, scanned with
 * and without an allow-list, must give findings inside the input, sorted,
 * disjoint per category, with a rule name — under ASan and UBSan. The
 * first line of the input also feeds the allow-list parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/image.h"
#include "../../src/core/request.h"
#include "../../src/phi/phi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct phi_findings *f, size_t size)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct phi_finding *x = &f->items[i];
		if (x->start >= x->end || x->end > size || x->rule == NULL ||
		    x->category >= PHI__MAX)
			abort();
		if (i > 0 && f->items[i - 1].start > x->start)
			abort();
		for (size_t k = 0; k < i; k++)
			if (f->items[k].category == x->category &&
			    f->items[k].end > x->start)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct phi_findings f;
	struct phi_config cfg;
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);

	phi_findings_init(&f);
	phi_config_init(&cfg);
	if (phi_scan(text, size, NULL, &f) == 0)
		check(&f, size);
	if (nl != NULL) {
		phi_config_parse(&cfg, text, (size_t)(nl - text));
		if (phi_scan(text, size, &cfg, &f) == 0)
			check(&f, size);
	}
	phi_config_free(&cfg);
	phi_findings_free(&f);

	/* the same bytes as an upload and as a multipart body */
	struct sbuf img;
	if (image_clean(data, size, &img) != IMAGE_NONE && img.len > size)
		abort(); /* cleaning never adds bytes */
	sbuf_free(&img);
	struct arena a = { 0 };
	struct kv *form;
	struct upload *up;
	size_t nf, nu;
	if (req_parse_multipart(&a, text, size, "XYZ", 20, 1000, 1, 4096, &form,
	    &nf, &up, &nu) == REQ_OK) {
		for (size_t i = 0; i < nu; i++)
			if (up[i].len > 4096)
				abort();
	}
	arena_reset(&a);
	return 0;
}
