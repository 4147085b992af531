/* phi.h — the PHI scanner: text in, findings out.
 *
 * Finds the HIPAA Safe Harbor identifiers as they appear in social-media
 * drafts: each finding is a byte span [start, end) of the input, a category,
 * a severity and a stable rule name. No I/O and no mutable globals: any
 * number of threads may scan at once, each with its own phi_findings.
 * Input need not be valid UTF-8 or NUL-terminated; it is never modified.
 *
 * Cost: linear in the input. The findings object keeps its buffers between
 * calls, so scanning in a loop allocates only when a text is larger (or has
 * more findings) than any before it. */
#ifndef CP_PHI_H
#define CP_PHI_H

#include <stddef.h>
#include <stdint.h>

enum phi_category {
	PHI_NAME, PHI_DATE, PHI_AGE, PHI_PHONE, PHI_FAX, PHI_EMAIL, PHI_URL,
	PHI_IP, PHI_SSN, PHI_MRN, PHI_HEALTHPLAN, PHI_ACCOUNT, PHI_LICENSE,
	PHI_VEHICLE, PHI_DEVICE, PHI_ADDRESS, PHI_ZIP, PHI_ROOM, PHI_HANDLE,
	PHI__MAX
};

enum phi_severity {
	PHI_REVIEW, /* shown to the reviewer, does not stop submission */
	PHI_BLOCK,  /* stops submission unless the author overrides it */
};

struct phi_finding {
	size_t start;
	size_t end;
	enum phi_category category;
	enum phi_severity severity;
	const char *rule; /* static string, e.g. "name.title" */
};

struct phi_token;

struct phi_findings {
	struct phi_finding *items;
	size_t n;
	size_t cap;
	/* scratch reused between calls */
	struct phi_token *toks;
	size_t ntoks;
	size_t captoks;
	char *lowered;     /* the text in ASCII lowercase, for word tests */
	size_t caplowered;
	struct phi_finding *sorted; /* the other half of the merge sort */
	size_t capsorted;
	unsigned char *cand; /* two bytes a token: the passes it can start */
	size_t capcand;
	struct phi_findings *piece; /* a piece's findings (texts > 256 KiB) */
};

/* The organisation's own values, never reported. Values are normalised by
 * phi_config_add(): phones to their digits, the rest to lowercase. */
enum phi_allow_kind {
	PHI_ALLOW_PHONE, PHI_ALLOW_DOMAIN, PHI_ALLOW_ADDRESS, PHI_ALLOW_HASHTAG,
	PHI_ALLOW_NAME, PHI_ALLOW_HANDLE, PHI_ALLOW__MAX
};

struct phi_config {
	char **values[PHI_ALLOW__MAX];
	size_t nvalues[PHI_ALLOW__MAX];
};

void phi_config_init(struct phi_config *cfg);
/* Adds one allow-listed value; returns 0 or -1 (out of memory). */
int phi_config_add(struct phi_config *cfg, enum phi_allow_kind kind,
    const char *value);
/* Parses "kind: value" lines (phone, domain, address, hashtag, name,
 * handle; '#' comments). Returns 0, or the 1-based number of the first bad
 * line. */
int phi_config_parse(struct phi_config *cfg, const char *text, size_t len);
void phi_config_free(struct phi_config *cfg);

void phi_findings_init(struct phi_findings *f);
void phi_findings_free(struct phi_findings *f);

/* Scans text[0..len). cfg may be NULL. Replaces out's findings with the new
 * ones, sorted by start (then end), never two overlapping findings of one
 * category. A text over 256 KiB (longer than any post) is scanned in
 * pieces of up to 256 KiB cut after a newline, each as a text of its own,
 * so that the cost per byte stays the same at any size. Returns 0, or -1
 * when out of memory. */
int phi_scan(const char *text, size_t len, const struct phi_config *cfg,
    struct phi_findings *out);

const char *phi_category_name(enum phi_category c);
const char *phi_severity_name(enum phi_severity s);
/* PHI__MAX when the name is unknown. */
enum phi_category phi_category_from_name(const char *name, size_t len);

#endif
