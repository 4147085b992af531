/* phi.c — the PHI scanner (see phi.h for the contract).
 *
 * One pass splits the text into tokens (words, numbers, mixed, single
 * punctuation) with their byte spans, case shape and dictionary flags; the
 * rules then walk the token array, each looking at a small window around a
 * token, so the cost stays linear in the input. Rules run in a fixed order:
 * names first (their tokens are marked, so dates and ages next to a named
 * person count as tied to that person), then identifiers with labels, then
 * numbers, addresses, dates and ages, links and handles. At the end findings
 * inside allow-listed text are dropped and the rest are sorted and merged per
 * category. */
#include "phi.h"

#include <stdlib.h>
#include <string.h>

#include "phi_dict.h"

enum tok_kind { TK_WORD, TK_NUM, TK_ALNUM, TK_PUNCT };
enum tok_shape { SH_LOWER, SH_CAP, SH_UPPER, SH_OTHER };

/* 32 bytes: offsets are 32-bit, so one text is at most 4 GiB - 1. */
struct phi_token {
	uint64_t key;        /* a word of up to 8 bytes, lowered (word_key) */
	uint32_t start, end;
	uint32_t flags;      /* dictionary flags; 0 for all but words */
	uint32_t cats;       /* bit per category of findings covering it */
	uint16_t weight;     /* given-name weight */
	uint8_t kind;
	uint8_t shape;
	uint8_t space_before;
	uint8_t sent_start;  /* first token of a sentence or line */
	uint8_t named;       /* inside a NAME finding (NAMED_STAFF: one of
	                      * the staff's, staff_named) */
	uint8_t pch;         /* the character, for TK_PUNCT ('\'' for ’) */
};

enum { NAMED_STAFF = 2 };

struct scan {
	const char *text;
	const char *lt; /* text with A-Z lowered, same offsets */
	size_t len;
	struct phi_token *t;
	size_t n;
	struct phi_findings *out;
	uint32_t any_flags; /* union of the words' dictionary flags */
	size_t nnum, nalnum; /* numbers, and words with digits in them */
	int upper_doc; /* mostly capital letters: case says little */
	int lower_doc; /* almost no capital letters: nor does it here */
	const unsigned char *cand[2]; /* candidate planes (cand_next) */
	uint32_t cand_any;  /* passes with a candidate in the text */
	int any_staff;      /* a name found as one of the staff's */
	int anyone;         /* someone could be identified (anyone_named) */
	unsigned cand_pass; /* the candidates cand_next gathered last: */
	size_t cand_word;   /* of this pass, among 64 tokens from 64 w */
	uint64_t cand_bits;
	int failed;
};

/* ---------------------------------------------------------------- misc */

static inline int
is_alpha(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

static inline int
is_digit(unsigned char c)
{
	return (unsigned char)(c - '0') < 10;
}

static inline unsigned char
lower(unsigned char c)
{
	return (unsigned char)(c - 'A') < 26 ? (unsigned char)(c + 32) : c;
}

/* Room in o for n findings in all (the capacity doubles from 32).
 * Returns 0 or -1 when out of memory. */
static inline int
reserve_findings(struct phi_findings *o, size_t n)
{
	if (n <= o->cap)
		return 0;
	size_t ncap = o->cap ? o->cap * 2 : 32;
	while (ncap < n)
		ncap *= 2;
	struct phi_finding *p = realloc(o->items, ncap * sizeof(*p));
	if (p == NULL)
		return -1;
	o->items = p;
	o->cap = ncap;
	return 0;
}

static void
add(struct scan *s, size_t start, size_t end, enum phi_category cat,
    enum phi_severity sev, const char *rule)
{
	struct phi_findings *o = s->out;
	if (end <= start || s->failed)
		return;
	if (reserve_findings(o, o->n + 1) < 0) {
		s->failed = 1;
		return;
	}
	o->items[o->n++] = (struct phi_finding){ start, end, cat, sev, rule };
}

static int public_name(const struct scan *s, size_t a, size_t b);
static int staff_named(const struct scan *s, size_t a, size_t b);
static void name_hyphen_extent(const struct scan *s, size_t *a, size_t *b);

/* Adds a finding over tokens a..b and marks them. A NAME first widens over
 * a hyphenated given name (name_hyphen_extent); inside a public name the
 * lexicon lists (public_name) it is no finding; one the rules would block
 * that is one of the staff's (staff_named) is for review. */
static void
add_tokens(struct scan *s, size_t a, size_t b, enum phi_category cat,
    enum phi_severity sev, const char *rule)
{
	if (cat == PHI_NAME)
		name_hyphen_extent(s, &a, &b);
	if (cat == PHI_NAME && public_name(s, a, b))
		return;
	int staff = 0;
	if (cat == PHI_NAME && sev == PHI_BLOCK && staff_named(s, a, b)) {
		sev = PHI_REVIEW;
		rule = "name.staff";
		staff = 1;
		s->any_staff = 1;
	}
	/* a clinician is one of the staff too ("Dr. Patel joins us") */
	if (cat == PHI_NAME && rule[5] == 'c' && strcmp(rule,
	    "name.clinician") == 0)
		staff = 1;
	add(s, s->t[a].start, s->t[b].end, cat, sev, rule);
	for (size_t i = a; i <= b; i++) {
		s->t[i].cats |= 1u << cat;
		if (cat == PHI_NAME)
			s->t[i].named = staff ? NAMED_STAFF : 1;
	}
}

/* A word's key: its lowered bytes packed into an integer, the first in
 * the lowest byte, for words of 1 to WORD_KEY_MAX bytes; 0 for longer
 * ones. No key has a zero byte inside it (a zero byte ends a word), so
 * a word test against a short literal is one comparison (word_is). */
enum { WORD_KEY_MAX = 8 };
_Static_assert(WORD_KEY_MAX == 8, "phi_dict_hash packs words of 8 bytes");

static inline uint64_t
word_key(const unsigned char *lt, size_t start, size_t end)
{
	size_t n = end - start;
	if (n > WORD_KEY_MAX)
		return 0;
	uint64_t k = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* lt is padded with WORD_KEY_MAX zero bytes, so this never reads
	 * past its end */
	memcpy(&k, lt + start, sizeof(k));
	if (n < 8)
		k &= ((uint64_t)1 << (8 * n)) - 1;
#else
	for (size_t b = 0; b < n; b++)
		k |= (uint64_t)lt[start + b] << (8 * b);
#endif
	return k;
}

/* The key of a string literal w of n bytes: a constant once the
 * compiler has folded the literal's bytes, at any optimisation level (a
 * loop is folded only where it is unrolled). */
#define LITERAL_BYTE(w, n, b) ((n) > (b) ? \
    (uint64_t)(unsigned char)(w)[(n) > (b) ? (b) : 0] << (8 * (b)) : 0)
#define literal_key(w, n) (LITERAL_BYTE(w, n, 0) | LITERAL_BYTE(w, n, 1) | \
    LITERAL_BYTE(w, n, 2) | LITERAL_BYTE(w, n, 3) | LITERAL_BYTE(w, n, 4) | \
    LITERAL_BYTE(w, n, 5) | LITERAL_BYTE(w, n, 6) | LITERAL_BYTE(w, n, 7))

/* The bit of a word's key among 64: a set of words as one 64-bit
 * constant, where a word whose bit is clear is none of them and one
 * whose bit is set may be (every word longer than WORD_KEY_MAX has key
 * 0, so their bit is set whenever the set has a long word). */
#define BLOOM_BIT(key) ((uint64_t)1 << (((key) * \
    UINT64_C(0x9e3779b97f4a7c15)) >> 58))
#define BLOOM_WORD(w) BLOOM_BIT(sizeof(w) - 1 <= WORD_KEY_MAX ? \
    literal_key("" w "", sizeof(w) - 1) : 0)

/* ---------------------------------------------------------- dictionary */

/* The slot of the lowercased word w of n bytes, whose phi_dict_hash is
 * h and whose key (word_key) is key, or NULL. */
static const struct phi_dict_slot *
dict_find_hashed(uint32_t h, const char *w, size_t n, uint64_t key)
{
	if (n == 0 || n > 64)
		return NULL;
	h &= phi_dict_mask;
	if (n <= WORD_KEY_MAX) {
		for (;;) {
			const struct phi_dict_slot *e = &phi_dict_slots[h];
			if (e->word == key && e->len == n)
				return e;
			if (e->len == 0)
				return NULL;
			h = (h + 1) & phi_dict_mask;
		}
	}
	for (;;) {
		const struct phi_dict_slot *e = &phi_dict_slots[h];
		if (e->len == n && memcmp(phi_dict_pool + e->word, w, n) == 0)
			return e;
		if (e->len == 0)
			return NULL;
		h = (h + 1) & phi_dict_mask;
	}
}

/* dict_find_hashed for a word of 1 to WORD_KEY_MAX bytes, inlined in
 * the tokenizer (one lookup per word of the text). */
static inline const struct phi_dict_slot *
dict_find_key(uint32_t h, size_t n, uint64_t key)
{
	for (h &= phi_dict_mask;; h = (h + 1) & phi_dict_mask) {
		const struct phi_dict_slot *e = &phi_dict_slots[h];
		if (e->word == key && e->len == n)
			return e;
		if (e->len == 0)
			return NULL;
	}
}

/* The slot of the lowercased word (or phrase) w of n bytes, or NULL. */
static const struct phi_dict_slot *
dict_find(const unsigned char *w, size_t n)
{
	return dict_find_hashed(phi_dict_hash(w, n), (const char *)w, n,
	    n <= WORD_KEY_MAX ? phi_dict_key(w, n) : 0);
}

/* Looks up two or three words joined by single spaces ("silver spring"). */
static uint32_t
dict_phrase_flags(const struct scan *s, size_t a, size_t b)
{
	unsigned char buf[96];
	size_t n = 0;
	for (size_t i = a; i <= b; i++) {
		size_t len = s->t[i].end - s->t[i].start;
		if (n + len + 1 > sizeof(buf))
			return 0;
		if (i > a)
			buf[n++] = ' ';
		for (size_t k = 0; k < len; k++)
			buf[n++] = lower((unsigned char)s->text[s->t[i].start + k]);
	}
	const struct phi_dict_slot *e = dict_find(buf, n);
	return e ? e->flags : 0;
}

/* ----------------------------------------------------------- tokenizer */

/* Returns the byte length of a UTF-8 punctuation or space character that
 * should not be part of a word (U+00A0, U+2000–U+206F), 0 otherwise;
 * *space says whether it is a space. */
static size_t
utf8_punct(const unsigned char *p, size_t left, int *space, unsigned char *as)
{
	*space = 0;
	if (left >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {
		*space = 1;
		return 2;
	}
	if (left >= 3 && p[0] == 0xe2 && (p[1] == 0x80 || p[1] == 0x81)) {
		unsigned int cp = 0x2000u + ((p[1] & 0x3fu) << 6) + (p[2] & 0x3fu);
		if (cp <= 0x200b || cp == 0x2028 || cp == 0x2029 || cp == 0x202f)
			*space = 1;
		*as = (cp == 0x2019 || cp == 0x2018) ? '\'' :
		    (cp == 0x201c || cp == 0x201d) ? '"' :
		    (cp == 0x2013 || cp == 0x2014) ? '-' : '~';
		return 3;
	}
	return 0;
}

/* Makes room for two more tokens (a number and its suffix are pushed
 * together); returns 0 or -1 when out of memory. */
static int
reserve_tokens(struct scan *s)
{
	struct phi_findings *o = s->out;
	if (s->n + 2 <= o->captoks)
		return 0;
	size_t ncap = o->captoks ? o->captoks * 2 : 256;
	struct phi_token *p = realloc(o->toks, ncap * sizeof(*p));
	if (p == NULL)
		return -1;
	o->toks = p;
	o->captoks = ncap;
	s->t = p;
	return 0;
}

/* What the tokenizer counts of each byte: letters in lower and upper
 * case, digits, and bytes of 0x80 and above (looked at more closely:
 * some are punctuation); 0 for a byte that ends a word. The counts sit
 * in 16-bit fields, so one addition per byte counts all four. */
#define BC_LOWER ((uint64_t)1)
#define BC_UPPER ((uint64_t)1 << 16)
#define BC_DIGIT ((uint64_t)1 << 32)
/* bit 63 marks a high byte for the loop's one sign test; the field
 * above bit 48 is then nonzero exactly when there are high bytes (for
 * words of at most 0xffff bytes: longer ones are counted again) */
#define BC_HIGH ((uint64_t)1 << 48 | (uint64_t)1 << 63)
#define BC_FIELD(x, f) ((unsigned)(((x) >> (f)) & 0xffff))
#define BC(c) ((unsigned)((c) - 'a') < 26 ? BC_LOWER : \
    (unsigned)((c) - 'A') < 26 ? BC_UPPER : \
    (unsigned)((c) - '0') < 10 ? BC_DIGIT : (c) >= 0x80 ? BC_HIGH : 0)
#define BC4(c) BC(c), BC((c) + 1), BC((c) + 2), BC((c) + 3)
#define BC16(c) BC4(c), BC4((c) + 4), BC4((c) + 8), BC4((c) + 12)
#define BC64(c) BC16(c), BC16((c) + 16), BC16((c) + 32), BC16((c) + 48)
static const uint64_t byte_class[256] = {
	BC64(0), BC64(64), BC64(128), BC64(192)
};

/* Inlined into phi_scan on purpose: out of line (as gcc chose once
 * phi_scan grew) the front end took 12 % more instructions on the drafts,
 * its loop reading s->n and s->t back from memory. */
static inline __attribute__((always_inline)) int
tokenize(struct scan *s)
{
	const unsigned char *p = (const unsigned char *)s->text;
	const unsigned char *lp = (const unsigned char *)s->lt;
	size_t i = 0, n = s->len;
	int space = 1, sent = 1;
	size_t upper = 0, letters = 0, starts_lower = 0, starts_cap = 0;

	s->t = s->out->toks;
	while (i < n) {
		unsigned char c = p[i];
		int sp;
		unsigned char as = 0;
		size_t ul;
		if (c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == '\f' || c == '\v' || c == 0)) {
			if (c == '\n')
				sent = 1;
			space = 1;
			i++;
			continue;
		}
		ul = c >= 0x80 ? utf8_punct(p + i, n - i, &sp, &as) : 0;
		if (ul > 0 && sp) {
			space = 1;
			i += ul;
			continue;
		}
		if (reserve_tokens(s) < 0)
			return -1;
		struct phi_token *tk = &s->t[s->n++];
		memset(tk, 0, sizeof(*tk));
		tk->start = (uint32_t)i;
		tk->space_before = (uint8_t)space;
		tk->sent_start = (uint8_t)sent;
		space = 0;
		if (ul > 0 || byte_class[c] == 0) {
			tk->kind = TK_PUNCT;
			tk->pch = ul > 0 ? as : c;
			i += ul > 0 ? ul : 1;
			tk->end = (uint32_t)i;
			sent = (tk->pch == '.' || tk->pch == '!' || tk->pch == '?' ||
			    tk->pch == ':' || tk->pch == ';') ? 1 : 0;
			if (tk->pch == '\'' || tk->pch == '"' || tk->pch == '(' ||
			    tk->pch == ')')
				sent = tk->sent_start && tk->pch != ')';
			continue;
		}
		/* a word, a number or both: count the classes */
		uint64_t cnt = 0;
		while (i < n) {
			uint64_t k = byte_class[p[i]];
			if ((int64_t)k <= 0 && (k == 0 ||
			    utf8_punct(p + i, n - i, &sp, &as) > 0))
				break;
			cnt += k;
			i++;
		}
		tk->end = (uint32_t)i;
		size_t lo = BC_FIELD(cnt, 0), up = BC_FIELD(cnt, 16);
		size_t digits = BC_FIELD(cnt, 32), high = BC_FIELD(cnt, 48);
		if (i - tk->start > 0xffff) {
			/* a field may have overflowed: count again, slowly */
			lo = up = digits = high = 0;
			for (size_t k = tk->start; k < i; k++) {
				uint64_t b = byte_class[p[k]];
				lo += b == BC_LOWER;
				up += b == BC_UPPER;
				digits += b == BC_DIGIT;
				high += b == BC_HIGH;
			}
		}
		size_t alphas = lo + up + high;
		int first_up = c >= 'A' && c <= 'Z';
		tk->kind = digits && alphas ? TK_ALNUM : digits ? TK_NUM : TK_WORD;
		sent = 0;
		/* "101st", "3rd", "90s": a number and its suffix, so the date
		 * and age rules see the number. */
		if (tk->kind == TK_ALNUM && is_digit(c)) {
			size_t k = tk->start;
			while (k < i && is_digit(p[k]))
				k++;
			size_t sl = i - k;
			/* (and "9yo": an age and its "yo") */
			if ((sl == 2 || sl == 1) && (sl == 1 ? lp[k] == 's' :
			    ((lp[k] == 's' && lp[k + 1] == 't') ||
			    (lp[k] == 'y' && lp[k + 1] == 'o') ||
			    (lp[k] == 'n' && lp[k + 1] == 'd') ||
			    (lp[k] == 'r' && lp[k + 1] == 'd') ||
			    (lp[k] == 't' && lp[k + 1] == 'h')))) {
				tk->end = (uint32_t)k;
				tk->kind = TK_NUM;
				tk->key = word_key(lp, tk->start, k);
				s->nnum++;
				/* the suffix: a lowercase word, not looked up */
				tk = &s->t[s->n++];
				memset(tk, 0, sizeof(*tk));
				tk->start = (uint32_t)k;
				tk->end = (uint32_t)i;
				tk->kind = TK_WORD;
				tk->shape = SH_LOWER;
				tk->key = word_key(lp, k, i);
				/* "yo" is an age's unit, as when written apart */
				if (lp[k] == 'y') {
					tk->flags = D_AGEUNIT;
					s->any_flags |= D_AGEUNIT;
				}
				letters += sl;
				continue;
			}
		}
		tk->key = word_key(lp, tk->start, i);
		if (tk->kind == TK_WORD) {
			tk->shape = lo == 0 && up >= 2 ? SH_UPPER :
			    first_up ? SH_CAP : lo > 0 && up == 0 ?
			    SH_LOWER : SH_OTHER;
			if (up == 1 && lo == 0)
				tk->shape = SH_CAP;
			upper += up;
			letters += up + lo;
			if (tk->sent_start && tk->shape == SH_LOWER)
				starts_lower++;
			else if (tk->sent_start)
				starts_cap++;
			/* phi_dict_hash, from the key when there is one */
			size_t wl = i - tk->start;
			uint32_t h = wl <= WORD_KEY_MAX ?
			    phi_dict_key_hash(tk->key) :
			    phi_dict_hash(lp + tk->start, wl);
			const struct phi_dict_slot *e = wl <= WORD_KEY_MAX ?
			    dict_find_key(h, wl, tk->key) : dict_find_hashed(h,
			    s->lt + tk->start, wl, tk->key);
			if (e != NULL) {
				tk->flags = e->flags;
				tk->weight = e->first_weight;
				s->any_flags |= e->flags;
			}
		} else {
			s->nnum += tk->kind == TK_NUM;
			s->nalnum += tk->kind == TK_ALNUM;
		}
	}
	s->upper_doc = letters > 40 && upper * 10 > letters * 6;
	/* sentences that start in lowercase: a note, not a post with
	 * one capital at its start */
	s->lower_doc = letters > 40 && upper * 50 < letters &&
	    starts_lower > starts_cap;
	return 0;
}

/* ------------------------------------------------------- token helpers */

static int
punct(const struct scan *s, size_t i, char c)
{
	return i < s->n && s->t[i].kind == TK_PUNCT && s->t[i].pch == c;
}

/* Token i is the word w (case-insensitive; w in lowercase). */
static int
word_is_str(const struct scan *s, size_t i, const char *w)
{
	if (i >= s->n || s->t[i].kind == TK_PUNCT)
		return 0;
	size_t n = s->t[i].end - s->t[i].start;
	const char *t = s->lt + s->t[i].start;
	return w[0] == t[0] && strncmp(w, t, n) == 0 && w[n] == '\0';
}

/* The same for a string literal, whose length is known when compiling:
 * most tests fail on the length alone. */
static inline int
word_is_n(const struct scan *s, size_t i, const char *w, size_t len)
{
	return i < s->n && s->t[i].end - s->t[i].start == len &&
	    s->t[i].kind != TK_PUNCT &&
	    memcmp(s->lt + s->t[i].start, w, len) == 0;
}
/* Token i is the word lit (a lowercase string literal): one comparison
 * of keys for a short word, else length then bytes. */
#define word_is(s, i, lit) (sizeof(lit) - 1 <= WORD_KEY_MAX ? \
    word_key_is((s), (i), literal_key("" lit "", sizeof(lit) - 1)) : \
    word_is_n((s), (i), "" lit "", sizeof(lit) - 1))

static inline int
word_key_is(const struct scan *s, size_t i, uint64_t key)
{
	return i < s->n && s->t[i].key == key;
}

static int
adjacent(const struct scan *s, size_t i)
{
	return i < s->n && !s->t[i].space_before;
}

/* Token i is a word with one of the flags f (only words have flags). */
static int
has(const struct scan *s, size_t i, uint32_t f)
{
	return i < s->n && (s->t[i].flags & f);
}

/* Capitalised in a way that carries meaning: Capital-then-lower anywhere,
 * or ALL CAPS in a text that is not itself mostly capitals. */
static int
capital(const struct scan *s, size_t i)
{
	if (i >= s->n || s->t[i].kind != TK_WORD)
		return 0;
	return s->t[i].shape == SH_CAP ||
	    (s->t[i].shape == SH_UPPER && !s->upper_doc);
}

static size_t
tok_len(const struct scan *s, size_t i)
{
	return s->t[i].end - s->t[i].start;
}

/* Token j is one capital letter other than I, a word of its own: "Mr.
 * T", "pod B". */
static inline int
capital_letter(const struct scan *s, size_t j)
{
	return j < s->n && s->t[j].kind == TK_WORD && tok_len(s, j) == 1 &&
	    s->text[s->t[j].start] >= 'A' && s->text[s->t[j].start] <= 'Z' &&
	    s->text[s->t[j].start] != 'I';
}

/* Candidate sets. Most passes can only start on some tokens (words of a
 * length, words with a dictionary flag, numbers). Testing that in the
 * pass's own loop costs little in instructions but a misprediction each
 * time the processor guesses wrong, and over many different drafts it
 * guesses wrong often: half the tokens are words, a third of the words
 * are capitalised. So after tokenizing, mark_candidates runs every
 * pass's starts_* test on every token in one loop written without
 * branches (& and |, not && and ||), one bit per pass in the token's
 * byte of a plane (passes 0-7 in plane 0, 8-15 in plane 1), and a pass
 * visits only its candidates:
 *
 *	for (size_t i = cand_next(s, CP_X, first - 1); i < s->n;
 *	    i = cand_next(s, CP_X, i))
 *
 * which keeps the loop's own "i = e" (skip what a finding covered): the
 * next token visited is the first candidate after i. cand_next gathers a
 * pass's bits of 64 tokens at a time, eight bytes per multiplication,
 * and returns at once for a pass with no candidate in the text. One
 * loop for all the tests shares their loads and comparisons (kind,
 * length, flags); a loop per pass, as before, cost a fifth of all the
 * scanner's instructions. A starts_* test may read only what the
 * tokenizer fixed (kind, shape, length, flags, key of the token and its
 * neighbours, and upper_doc and lower_doc), never named or cats,
 * which the passes change as they go. */
enum cand_pass {
	CP_NAME, CP_UNKNOWN_NAME, CP_LOWER_NAME, CP_PHONE_LABEL,
	CP_INITIAL_OR_PAIR, CP_LONE_SURNAME, CP_NUMBER, CP_DATE,
	CP_AGE_NUMBER, CP_ADDRESS, CP_CREDENTIAL, CP_DOCTOR_OR_INITIAL,
	CP_STAFF_TITLE, CP_REPEAT, CP_AGE_WORD, CP_DIGIT_WORD,
	CP__MAX
};
_Static_assert(CP__MAX <= 16, "two planes of eight passes");

/* The candidates of pass p among tokens 64 w .. 64 w + 63, one bit
 * each (the planes are padded with zeros to a multiple of 64 tokens). */
static inline uint64_t
cand_mark(const struct scan *s, enum cand_pass p, size_t w)
{
	const unsigned char *m = s->cand[p / 8] + w * 64;
	unsigned shift = p % 8;
	uint64_t bits = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* eight tokens' bytes at a time: the pass's bit of each byte moved
	 * to its lowest bit, then the multiplication gathers the eight
	 * bits (byte k's to bit 56 + k, no two sums overlapping) */
	for (size_t b = 0; b < 8; b++) {
		uint64_t x;
		memcpy(&x, m + 8 * b, sizeof(x));
		x = (x >> shift) & UINT64_C(0x0101010101010101);
		bits |= ((x * UINT64_C(0x0102040810204080)) >> 56) << (8 * b);
	}
#else
	for (size_t k = 0; k < 64; k++)
		bits |= (uint64_t)((m[k] >> shift) & 1) << k;
#endif
	return bits;
}

/* The first candidate of pass p after token i (i may be (size_t)-1),
 * or s->n. */
static inline size_t
cand_next(struct scan *s, enum cand_pass p, size_t i)
{
	size_t from = i + 1, w = from / 64;
	if (from >= s->n || !(s->cand_any & (1u << p)))
		return s->n;
	if (w != s->cand_word || p != s->cand_pass) {
		s->cand_word = w;
		s->cand_pass = p;
		s->cand_bits = cand_mark(s, p, w);
	}
	uint64_t bits = s->cand_bits & (~(uint64_t)0 << (from % 64));
	while (bits == 0) {
		if (++w * 64 >= s->n)
			return s->n;
		s->cand_word = w;
		s->cand_bits = bits = cand_mark(s, p, w);
	}
	return w * 64 + (size_t)__builtin_ctzll(bits);
}

/* Token i is the first thing on its line (or in the text). */
static int
starts_line(const struct scan *s, size_t i)
{
	return i < s->n && (s->t[i].start == 0 ||
	    s->text[s->t[i].start - 1] == '\n');
}

/* Token i is one of the words of list (NULL-terminated, lowercase). */
static int
word_in(const struct scan *s, size_t i, const char *const *list)
{
	for (; *list; list++)
		if (word_is_str(s, i, *list))
			return 1;
	return 0;
}

/* The numeric value of a TK_NUM token (saturating), or -1. */
static long
num_value(const struct scan *s, size_t i)
{
	if (i >= s->n || s->t[i].kind != TK_NUM || tok_len(s, i) > 9)
		return -1;
	long v = 0;
	for (size_t k = s->t[i].start; k < s->t[i].end; k++)
		v = v * 10 + (s->text[k] - '0');
	return v;
}

/* Token k is a cue word in an idiom where it cues nothing: "lives" as a
 * noun ("saves lives", "changed our lives"; not "she lives in"), and
 * "ring in" the new year (not the bell rung after treatment). */
static int
idiom_not_cue(const struct scan *s, size_t k)
{
	if (s->t[k].key == literal_key("ring", 4) ||
	    s->t[k].key == literal_key("rang", 4))
		return word_is(s, k + 1, "in");
	if (k == 0 || s->t[k].key != literal_key("lives", 5))
		return 0;
	return word_is(s, k - 1, "save") || word_is(s, k - 1, "saves") ||
	    word_is(s, k - 1, "saved") || word_is(s, k - 1, "saving") ||
	    word_is(s, k - 1, "change") || word_is(s, k - 1, "changes") ||
	    word_is(s, k - 1, "changed") || word_is(s, k - 1, "changing") ||
	    word_is(s, k - 1, "touch") || word_is(s, k - 1, "touches") ||
	    word_is(s, k - 1, "touched") || word_is(s, k - 1, "improve") ||
	    word_is(s, k - 1, "improves") || word_is(s, k - 1, "our") ||
	    word_is(s, k - 1, "their") || word_is(s, k - 1, "your") ||
	    word_is(s, k - 1, "many") || word_is(s, k - 1, "more") ||
	    word_is(s, k - 1, "healthier") || word_is(s, k - 1, "longer");
}

/* Any token in [i-before, i+after] whose flags intersect f, or (with
 * names) that lies in a NAME finding. */
static int
near(const struct scan *s, size_t i, size_t before, size_t after, uint32_t f,
    int names)
{
	size_t a = i > before ? i - before : 0;
	size_t b = i + after < s->n ? i + after : s->n - 1;
	for (size_t k = a; k <= b; k++) {
		if (k == i)
			continue;
		if (s->t[k].kind == TK_WORD && (s->t[k].flags & f) &&
		    !idiom_not_cue(s, k))
			return 1;
		if (names && s->t[k].named)
			return 1;
	}
	return 0;
}

/* For near_in_sentence: token k ends the sentence ('!' or '?': -1),
 * holds a word with a flag of f or a name (1), or neither (0). */
static int
sentence_cue(const struct scan *s, size_t k, uint32_t f)
{
	if (s->t[k].kind == TK_PUNCT && (s->t[k].pch == '!' ||
	    s->t[k].pch == '?'))
		return -1;
	return (s->t[k].kind == TK_WORD && (s->t[k].flags & f) &&
	    !idiom_not_cue(s, k)) || s->t[k].named;
}

/* As near(), names counted, but not past a '!' or '?' ("Welcome to the
 * world, 2027! Our first baby..." is no one's year). A '.' is no such
 * bound: titles, initials and ids have them ("Mr. Lee ... 1926"). */
static int
near_in_sentence(const struct scan *s, size_t i, size_t before,
    size_t after, uint32_t f)
{
	int c = 0;
	for (size_t k = i; k-- > 0 && k + before >= i && c == 0;)
		c = sentence_cue(s, k, f);
	if (c > 0)
		return 1;
	c = 0;
	for (size_t k = i + 1; k < s->n && k <= i + after && c == 0; k++)
		c = sentence_cue(s, k, f);
	return c > 0;
}

/* A word list written once (an X-macro of string literals) serves as both
 * the list and the 64-bit set of its words' keys: WORD_LIST(L) is the
 * NULL-terminated array, WORD_SET(L) the set. */
#define WORD_STRING(w) w,
#define WORD_BIT(w) | BLOOM_WORD(w)
#define WORD_LIST(L) { L(WORD_STRING) NULL }
#define WORD_SET(L) (0 L(WORD_BIT))

/* Token k is one of the words of list, whose keys' set is set: most words
 * are none, and their bit in the set says so at once. */
static inline int
word_in_set(const struct scan *s, size_t k, uint64_t set,
    const char *const *list)
{
	return k < s->n && (set & BLOOM_BIT(s->t[k].key)) && word_in(s, k, list);
}

/* Words for one person or their injury or condition, which make a town
 * someone's even with no name or pronoun: "the driver from Catonsville is
 * in critical condition", "a 15-year-old from Sandtown was shot". */
#define INDIVIDUAL_WORDS(X) X("man") X("woman") X("driver") X("victim") \
    X("victims") X("passenger") X("teen") X("teenager") X("toddler") \
    X("child") X("kid") X("student") X("worker") X("resident") \
    X("veteran") X("pedestrian") X("cyclist") X("survivor") X("donor") \
    X("recipient") X("infant") X("newborn") X("condition") X("injured") \
    X("hurt") X("shot") X("wounded") X("treated") X("old") X("burn") \
    X("burns") X("firefighter") X("retired") X("teacher") X("coach") \
    X("soldier") X("farmer") X("mom") X("dad")

/* Token k is one of INDIVIDUAL_WORDS. */
static inline int
individual_word(const struct scan *s, size_t k)
{
	static const char *const words[] = WORD_LIST(INDIVIDUAL_WORDS);
	return word_in_set(s, k, WORD_SET(INDIVIDUAL_WORDS), words);
}

/* Where someone lives or was hurt, before "in" or "near" and a town:
 * "her home in Arbutus", "lives in Laurel", "a crash near Savage". */
#define HOME_OR_INCIDENT_WORDS(X) X("home") X("house") X("farm") \
    X("apartment") X("lives") X("living") X("lived") X("live") \
    X("resides") X("crash") X("accident") X("collision") X("wreck") \
    X("fire") X("shooting") X("stabbing")

/* Token p is "in" or "near" after one of HOME_OR_INCIDENT_WORDS (or
 * "grew up"), so a town word after it is where a person is, even when
 * the town's name is also an ordinary word. */
static int
home_or_incident_before(const struct scan *s, size_t p)
{
	static const char *const words[] = WORD_LIST(HOME_OR_INCIDENT_WORDS);
	if (p < 1 || !(word_is(s, p, "in") || word_is(s, p, "near")))
		return 0;
	return word_in_set(s, p - 1, WORD_SET(HOME_OR_INCIDENT_WORDS), words) ||
	    (p > 1 && word_is(s, p - 1, "up") && word_is(s, p - 2, "grew"));
}

/* The roles on a hospital's staff, singular and plural. */
#define STAFF_ROLE_WORDS(X) X("nurse") X("nurses") X("clerk") X("clerks") \
    X("tech") X("techs") X("technician") X("technicians") \
    X("technologist") X("technologists") X("aide") X("aides") \
    X("assistant") X("assistants") X("secretary") X("receptionist") \
    X("housekeeper") X("engineer") X("ceo") X("cfo") \
    X("coo") X("cno") X("cmo") X("president") X("chief") X("director") \
    X("directors") X("manager") X("managers") X("supervisor") \
    X("coordinator") X("educator") X("educators") X("navigator") \
    X("navigators") X("specialist") X("specialists") X("pharmacist") \
    X("pharmacists") X("dietitian") X("dietitians") X("therapist") \
    X("therapists") X("physician") X("physicians") X("surgeon") \
    X("surgeons") X("doctor") X("doctors") X("midwife") X("midwives") \
    X("paramedic") X("paramedics") X("chaplain") X("anesthetist") \
    X("employee") X("employees") X("colleague") X("colleagues") \
    X("coworker") X("coworkers") X("practitioner") X("practitioners") \
    X("phlebotomist") X("sonographer") X("scheduler") X("interpreter") \
    X("counselor") X("scientist") X("researcher")

/* Token k names a role on a hospital's staff. */
static int
staff_role_word(const struct scan *s, size_t k)
{
	static const char *const roles[] = WORD_LIST(STAFF_ROLE_WORDS);
	return word_in_set(s, k, WORD_SET(STAFF_ROLE_WORDS), roles);
}

/* A patient or their care: a patient, "pt", surgery, a diagnosis,
 * recovery, a transplant, chemo, treatment, a bed or a room. */
#define CARE_WORDS(X) X("patient") X("pt") X("surgery") X("diagnosed") \
    X("diagnosis") X("recovering") X("recovery") X("transplant") \
    X("chemo") X("treatment") X("bed") X("room")

/* A patient or their care (CARE_WORDS, or a move: transferred,
 * admitted…) is named within twenty tokens of a..b. */
static int
care_near(const struct scan *s, size_t a, size_t b)
{
	static const char *const care[] = WORD_LIST(CARE_WORDS);
	size_t lo = a > 20 ? a - 20 : 0, hi = b + 21 < s->n ? b + 21 : s->n;
	for (size_t k = lo; k < hi; k++)
		if ((s->t[k].flags & D_MOVED) ||
		    word_in_set(s, k, WORD_SET(CARE_WORDS), care))
			return 1;
	return 0;
}

/* Something says the name in tokens a..b is one of the staff's: the same
 * name found as one of the staff's before, a role of ours before it, or
 * one after it (see staff_named). */
static int
staff_cue(const struct scan *s, size_t a, size_t b)
{
	/* the same name found as one of the staff's before ("Betty Moore
	 * is retiring. We'll miss you, Betty!") */
	for (size_t k = 0; s->any_staff && k < s->n; k++)
		if (s->t[k].named == NAMED_STAFF && s->t[k].key != 0 &&
		    (s->t[k].key == s->t[a].key || s->t[k].key == s->t[b].key))
			return 1;
	/* a role before: after "our" or "new" within four words, a title
	 * inside a sentence ("Nurse Manager") or after a clinical word
	 * ("nurse manager") */
	size_t r = a >= 1 && punct(s, a - 1, ',') ? a - 1 : a;
	if (r >= 1 && staff_role_word(s, r - 1)) {
		if ((capital(s, r - 1) && !s->t[r - 1].sent_start) ||
		    (r >= 2 && (has(s, r - 2, D_CLIN) ||
		    staff_role_word(s, r - 2))))
			return 1;
		for (size_t j = r - 1; j-- > 0 && j + 5 >= r;)
			if (word_is(s, j, "our") || word_is(s, j, "new"))
				return 1;
	}
	/* after it: ", our [new] CEO", ", one of our surgical techs",
	 * ", who served / joins / retires" */
	size_t k = b + 1;
	if (!punct(s, k, ','))
		return 0;
	k++;
	if (word_is(s, k, "one") && word_is(s, k + 1, "of"))
		k += 2;
	if (word_is(s, k, "our")) {
		for (size_t w = 1; w <= 4; w++)
			if (staff_role_word(s, k + w))
				return 1;
		return 0;
	}
	if (word_is(s, k, "who")) {
		size_t v = k + 1 + (word_is(s, k + 1, "has") ||
		    word_is(s, k + 1, "is") ? 1 : 0);
		return word_is(s, v, "served") || word_is(s, v, "serves") ||
		    word_is(s, v, "worked") || word_is(s, v, "works") ||
		    word_is(s, v, "joins") || word_is(s, v, "joined") ||
		    word_is(s, v, "retires") || word_is(s, v, "retired") ||
		    word_is(s, v, "retiring");
	}
	return 0;
}

/* The name in tokens a..b is one of the staff's, so shown for review, not
 * blocked: after a role of ours ("our beloved unit clerk Betty Moore",
 * "Nurse Manager Jessica Brown"), before one (", one of our surgical
 * techs", ", our new CEO"), or before what staff do ("Linda, who served
 * our patients for 35 years"). Never where a patient or their care is
 * named within twenty tokens ("Paramedic Luz Ortega was back, this time
 * as a patient", "Our volunteer Edna was transferred from..."):
 * "patients" in the plural are everyone's. Volunteers are not on the
 * list: many are former patients. */
static int
staff_named(const struct scan *s, size_t a, size_t b)
{
	return staff_cue(s, a, b) && !care_near(s, a, b);
}

/* Words for an animal: the facility dog's name is no patient's. */
#define ANIMAL_WORDS(X) X("dog") X("dogs") X("puppy") X("pup") X("canine") \
    X("k9") X("cat") X("kitten") X("horse") X("pony") X("retriever") \
    X("labrador") X("doodle") X("goldendoodle") X("poodle") X("beagle")
/* Words that may stand between an animal's name and the word for it
 * ("Rosie, our new facility dog"). */
#define ANIMAL_FILLERS(X) X("our") X("the") X("a") X("an") X("new") \
    X("newest") X("beloved") X("facility") X("therapy") X("service") \
    X("comfort") X("resident") X("pet") X("hospital") X("sweet") \
    X("furry") X("favorite") X("golden") X("black") X("yellow")

static int
animal_word(const struct scan *s, size_t k)
{
	static const char *const words[] = WORD_LIST(ANIMAL_WORDS);
	return word_in_set(s, k, WORD_SET(ANIMAL_WORDS), words);
}

static int
animal_filler(const struct scan *s, size_t k)
{
	static const char *const words[] = WORD_LIST(ANIMAL_FILLERS);
	return word_in_set(s, k, WORD_SET(ANIMAL_FILLERS), words);
}

/* The name in tokens a..b is an animal's: "Rosie, our facility dog",
 * "therapy dog Rosie", "our facility dog, Rosie". */
static int
animal_named(const struct scan *s, size_t a, size_t b)
{
	int comma = punct(s, b + 1, ',');
	size_t k = b + 1 + (comma ? 1 : 0);
	for (size_t w = 0; w < 4 && k < s->n; w++, k++) {
		if (animal_word(s, k))
			return comma || w > 0; /* not "Jamal dogs" */
		if (!animal_filler(s, k))
			break;
	}
	k = a >= 1 && punct(s, a - 1, ',') ? a - 1 : a;
	return k >= 1 && animal_word(s, k - 1);
}

/* Tokens a..b lie inside a phrase of two or three tokens that the
 * lexicon marks EPONYM: a figure of health history or a public figure
 * ("florence nightingale", "mister rogers"), a brand or a slogan in
 * title case ("johnson & johnson", "just say no"). Such a name in a post
 * is history or an organisation, not a patient. */
/* The bit of a word's key in one of the 256-bit sets of phi_dict.h. */
static inline int
phrase_bit(const uint64_t set[4], uint64_t key)
{
	unsigned bit = phi_dict_phrase_bit(key);
	return (int)((set[bit >> 6] >> (bit & 63)) & 1);
}

static int
public_name(const struct scan *s, size_t a, size_t b)
{
	if (animal_named(s, a, b))
		return 1;
	/* a phrase is up to three tokens, or four with an initial's
	 * period ("susan g . komen") */
	if (b - a >= 4)
		return 0;
	for (size_t x = b >= 3 ? b - 3 : 0; x <= a; x++) {
		if (s->t[x].kind != TK_WORD ||
		    !phrase_bit(phi_dict_phrase_starts, s->t[x].key))
			continue;
		size_t last = x + 2 + (punct(s, x + 2, '.') ||
		    punct(s, x + 1, '.'));
		if (b > last)
			continue;
		for (size_t y = b > x ? b : x + 1; y <= last && y < s->n; y++)
			if (phrase_bit(phi_dict_phrase_ends, s->t[y].key) &&
			    (dict_phrase_flags(s, x, y) & D_EPONYM))
				return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- names */

/* Token i, a given name that is also a word, before "'s", owns what a
 * person has: an event ("Maria's transplant", "Grace's recovery",
 * "Beau's brain surgery" a word later), a relative ("Lily's mom"), or
 * what a patient wears or holds ("Ray's wristband", "Pearl's photo",
 * "Victor's hospital bill"). Asked only after the possessive is seen:
 * computed for every such name, it cost 4 % of the scan. */
static int
word_name_owns(const struct scan *s, size_t i)
{
	const struct phi_token *t = &s->t[i];
	if (!(t->flags & D_FIRST))
		return 0;
	if (t->weight >= 1000 && has(s, i + 3, D_PERSON | D_DATECTX))
		return 1;
	if (t->weight >= 100 && has(s, i + 4, D_DATECTX) && i + 3 < s->n &&
	    s->t[i + 3].kind == TK_WORD && s->t[i + 3].shape == SH_LOWER)
		return 1;
	/* a relative or the family, whatever the name's weight: "Cash's
	 * grandparents", "Grant's family is asking for blood donors" */
	if (has(s, i + 3, D_RELATIVE) || word_is(s, i + 3, "family") ||
	    word_is(s, i + 3, "parents") || word_is(s, i + 3, "grandparents"))
		return 1;
	return t->weight >= 200 && (
	    word_is(s, i + 3, "wristband") || word_is(s, i + 3, "chart") ||
	    word_is(s, i + 3, "photo") || word_is(s, i + 3, "care") ||
	    word_is(s, i + 3, "story") || word_is(s, i + 3, "journey") ||
	    word_is(s, i + 3, "fight") || word_is(s, i + 3, "battle") ||
	    word_is(s, i + 3, "picture") || (word_is(s, i + 3, "hospital") &&
	    word_is(s, i + 4, "bill")));
}

/* Token k is a number of five digits: a ZIP after a town or state. */
static int
five_digits(const struct scan *s, size_t k)
{
	return k < s->n && s->t[k].kind == TK_NUM && tok_len(s, k) == 5;
}

/* Could token i be (part of) a person's name given how it is written? */
static int
name_shaped(const struct scan *s, size_t i, int allow_lower)
{
	if (i >= s->n || s->t[i].kind != TK_WORD)
		return 0;
	if (s->t[i].flags & (D_NOTNAME | D_TITLE | D_CLIN | D_ORG | D_STREET |
	    D_PLACEPREP | D_REGION))
		return 0;
	if (capital(s, i))
		return 1;
	if (s->t[i].shape == SH_UPPER)
		return (s->t[i].flags & (D_FIRST | D_SURNAME)) &&
		    !(s->t[i].flags & D_ENGLISH);
	return allow_lower && (s->t[i].flags & (D_FIRST | D_SURNAME)) &&
	    !(s->t[i].flags & D_ENGLISH);
}

/* A word that could be a surname after a given name. */
static int
surname_like(const struct scan *s, size_t i)
{
	if (!name_shaped(s, i, 0) || s->t[i].space_before == 0)
		return 0;
	uint32_t f = s->t[i].flags;
	/* an eponym is a surname after a given name: "Arthur Wilson" */
	if (f & (D_MONTH | D_DAY | D_STATE | D_SCHOOL))
		return 0;
	if (f & D_SURNAME)
		return !(f & D_ENGLISH) || capital(s, i);
	return !(f & (D_ENGLISH | D_PLACE));
}

/* Token i is the lower-case second syllable of a romanised given name
 * joined by a hyphen ("yeon" of "Seo-yeon"): a word of 2 to 5 letters
 * with no space before it. */
static int
hyphen_syllable(const struct scan *s, size_t i)
{
	size_t n = i < s->n ? tok_len(s, i) : 0;
	return n >= 2 && n <= 5 && s->t[i].kind == TK_WORD &&
	    s->t[i].shape == SH_LOWER && adjacent(s, i);
}

/* Whichever rule found a name, a romanised given name joined by a hyphen
 * is all of it: "Seo-yeon Park", "Ji-hoon Lee", "Kim Jong-soo". A name
 * a..b that ends in a capitalised first syllable takes the second (and,
 * if it was that one word alone, a surname after it); one that starts
 * right after the second syllable takes the first. Not when both are
 * English words ("Check-in", "Rob-who"; "Min-jun" counts). Only ever
 * widens a name already found. */
static void
name_hyphen_extent(const struct scan *s, size_t *a, size_t *b)
{
	size_t e = *b, f = *a;
	if (s->t[e].shape == SH_CAP && tok_len(s, e) <= 5 &&
	    punct(s, e + 1, '-') && adjacent(s, e + 1) &&
	    hyphen_syllable(s, e + 2) &&
	    !((s->t[e].flags & s->t[e + 2].flags) & D_ENGLISH)) {
		*b = e + 2;
		/* a surname that is also a street or a park's word, after
		 * such a given name: "Seo-yeon Park", not "… Park Avenue" */
		if (f == e && (surname_like(s, e + 3) || (capital(s, e + 3) &&
		    s->t[e + 3].space_before && has(s, e + 3, D_SURNAME) &&
		    !has(s, e + 4, D_STREET | D_ORG | D_SCHOOL | D_REGION))))
			*b = e + 3;
	}
	if (f >= 3 && s->t[f].space_before && hyphen_syllable(s, f - 1) &&
	    punct(s, f - 2, '-') && adjacent(s, f - 2) &&
	    s->t[f - 3].kind == TK_WORD && s->t[f - 3].shape == SH_CAP &&
	    tok_len(s, f - 3) <= 5 && !((s->t[f - 3].flags &
	    s->t[f - 1].flags) & D_ENGLISH))
		*a = f - 3;
}

static int hospital_unit(const struct scan *s, size_t i);
static int clinical_abbrev(const struct scan *s, size_t i);
static int has_vowel_after_first(const struct scan *s, size_t i);
static int staff_title(const struct scan *s, size_t i);
static int oriented_before(const struct scan *s, size_t a);
static int staff_after(const struct scan *s, size_t i);

/* Extends a name starting at i over a middle initial and a surname;
 * returns the last token of the name. */
static size_t
name_extent(const struct scan *s, size_t i)
{
	size_t j = i;
	if (j + 2 < s->n && s->t[j + 1].kind == TK_WORD &&
	    tok_len(s, j + 1) == 1 && s->t[j + 1].shape == SH_CAP &&
	    punct(s, j + 2, '.') && surname_like(s, j + 3))
		return j + 3;
	/* "Sarah O'Driscoll" */
	if (j + 3 < s->n && tok_len(s, j + 1) == 1 && (word_is(s, j + 1, "o") ||
	    word_is(s, j + 1, "d")) && s->t[j + 1].shape == SH_CAP &&
	    punct(s, j + 2, '\'') && adjacent(s, j + 2) && adjacent(s, j + 3) &&
	    s->t[j + 3].kind == TK_WORD)
		return j + 3;
	if (surname_like(s, j + 1))
		j++;
	if (surname_like(s, j + 1) && (s->t[j + 1].flags & D_SURNAME))
		j++;
	/* "KAREN ANN YANULIS": after two given names, a surname the
	 * table does not know, written the same way */
	else if (j == i + 1 && has(s, j, D_FIRST) && j + 1 < s->n &&
	    s->t[j + 1].kind == TK_WORD && s->t[j + 1].flags == 0 &&
	    s->t[j + 1].shape == s->t[i].shape && s->t[j + 1].space_before &&
	    tok_len(s, j + 1) >= 4 && has_vowel_after_first(s, j + 1))
		j++;
	/* "Kayleigh Smith-Jones", "Mary-Kate": a capitalised word joined
	 * by a hyphen is part of the name */
	if (j + 2 < s->n && punct(s, j + 1, '-') && adjacent(s, j + 1) &&
	    adjacent(s, j + 2) && s->t[j + 2].kind == TK_WORD &&
	    s->t[j + 2].shape == SH_CAP && tok_len(s, j + 2) >= 2) {
		j += 2;
		/* "Anne-Marie Dubois": the surname after a double given name */
		if (j == i + 2 && surname_like(s, j + 1))
			j++;
	}
	return j;
}

static int
possessive_after(const struct scan *s, size_t i)
{
	return punct(s, i + 1, '\'') && adjacent(s, i + 1) &&
	    word_is(s, i + 2, "s") && adjacent(s, i + 2);
}

/* Token k names an observance (Day, Week, Month) or, unless after a
 * possessive, a kind of organisation that no name runs into: not
 * "Heart" or "Cancer" ("Maria Lopez Heart Transplant" in a headline). */
static int
named_for_word(const struct scan *s, size_t k, int possessive)
{
	if (k >= s->n || s->t[k].kind != TK_WORD || s->t[k].shape != SH_CAP)
		return 0;
	if (word_is(s, k, "day") || word_is(s, k, "week") ||
	    word_is(s, k, "month"))
		return 1;
	/* "Boston Children's", "Texas Children's": a children's hospital */
	if (!possessive && word_is(s, k, "children") && possessive_after(s, k))
		return 1;
	return !possessive && (word_is(s, k, "foundation") ||
	    word_is(s, k, "college") || word_is(s, k, "university") ||
	    word_is(s, k, "institute") || word_is(s, k, "house") ||
	    word_is(s, k, "fund") || word_is(s, k, "trust") ||
	    word_is(s, k, "society") || word_is(s, k, "association") ||
	    word_is(s, k, "school") || word_is(s, k, "academy") ||
	    word_is(s, k, "library") || word_is(s, k, "museum") ||
	    word_is(s, k, "center") || word_is(s, k, "centre") ||
	    word_is(s, k, "hospital") || word_is(s, k, "clinic") ||
	    word_is(s, k, "memorial") || word_is(s, k, "award") ||
	    word_is(s, k, "scholarship") || word_is(s, k, "lecture") ||
	    word_is(s, k, "prize") ||
	    /* places named for someone ("Camden Yards"); not Park, Field
	     * or Hall, which end many people's names */
	    word_is(s, k, "yards") || word_is(s, k, "stadium") ||
	    word_is(s, k, "arena") || word_is(s, k, "plaza") ||
	    word_is(s, k, "pavilion") || word_is(s, k, "auditorium") ||
	    word_is(s, k, "theater") || word_is(s, k, "theatre") ||
	    word_is(s, k, "gardens") || word_is(s, k, "building") ||
	    word_is(s, k, "tower") || word_is(s, k, "wing"));
}

/* The name a..e (capitalised) is what something is named for, not a
 * person in the post: an observance ("Martin Luther King Jr. Day",
 * "Dr. Seuss Day", "Lou Gehrig's Day") or an organisation ("Albert
 * Einstein College of Medicine", "the Smith Family Foundation"). The
 * name may have taken the word in as a surname ("Ronald McDonald
 * House", "Dr. Seuss Day"): that counts after two names, or for an
 * observance after a title (titled), not in "Doris Day" or "Dr. Gregory
 * House". */
static int
named_for(const struct scan *s, size_t a, size_t e, int titled)
{
	if (s->t[e].shape != SH_CAP)
		return 0;
	if (e > a && ((e - a >= 2 && named_for_word(s, e, 0)) ||
	    (titled && named_for_word(s, e, 1))))
		return 1;
	size_t k = e + 1;
	if ((word_is(s, k, "jr") || word_is(s, k, "sr")) && capital(s, k)) {
		k++;
		if (punct(s, k, '.'))
			k++;
	}
	int possessive = possessive_after(s, k - 1);
	if (possessive)
		k += 2;
	if (!possessive && word_is(s, k, "family") && capital(s, k))
		k++;
	return named_for_word(s, k, possessive);
}

static int staff_credential(const struct scan *s, size_t i);


/* Adds the person's name a..e that rule found (block), unless the name
 * is what something is named for (named_for). With a credential after
 * it ("Kevin O'Brien, PharmD", "Maria Santos RN") it is a clinician's
 * name, shown for review like "Dr. Patel". */
static void
add_person(struct scan *s, size_t a, size_t e, const char *rule)
{
	size_t k = e + 1 + (punct(s, e + 1, ',') ? 1 : 0);
	if (named_for(s, a, e, 0))
		return;
	if (staff_credential(s, k))
		add_tokens(s, a, e, PHI_NAME, PHI_REVIEW, "name.clinician");
	else
		add_tokens(s, a, e, PHI_NAME, PHI_BLOCK, rule);
}

/* "Chidi" has a vowel after its first letter; "Abg" does not. */
static int
has_vowel_after_first(const struct scan *s, size_t i)
{
	for (size_t k = s->t[i].start + 1; k < s->t[i].end; k++) {
		unsigned c = (unsigned char)s->lt[k] - 'a';
		if (c < 26 && ((1u << ('a' - 'a') | 1u << ('e' - 'a') |
		    1u << ('i' - 'a') | 1u << ('o' - 'a') | 1u << ('u' - 'a') |
		    1u << ('y' - 'a')) >> c & 1))
			return 1;
	}
	return 0;
}


/* "mr masci had", "MR LOMISH HAD", "ms santangelo is": in notes written
 * in one case, "MR" and "MS" are also mitral regurgitation and mental
 * status, so they count as titles only before a known surname (or a
 * word that is not English) that is the subject of what follows. */
static int
title_then_subject(const struct scan *s, size_t i)
{
	static const char *const verbs[] = { "had", "has", "is", "was",
	    "remains", "remained", "denies", "denied", "states", "stated",
	    "reports", "ate", "tolerated", "tol", "c/o", "slept", "continues",
	    "appears", "seems", "became", "went", NULL };
	size_t j = i + 1, k = i + 2;
	if (!(word_is(s, i, "mr") || word_is(s, i, "ms")) || k >= s->n ||
	    s->t[j].kind != TK_WORD || tok_len(s, j) < 4 ||
	    has(s, j, D_ENGLISH | D_NOTNAME | D_ORG | D_MONTH | D_DAY |
	    D_STATE | D_UNIT | D_CLIN | D_TITLE) || hospital_unit(s, j))
		return 0;
	if (s->t[k].kind == TK_PUNCT && s->t[k].pch == '\'')
		return 1;
	return word_in(s, k, verbs);
}

/* Given names that are also common verbs or words notes use after a
 * credential: "RN WILL FOLLOW", "MD MAY CHANGE", "NP TO MARK SITE". */
static int
common_verb_name(const struct scan *s, size_t i)
{
	static const char *const w[] = { "will", "may", "mark", "bill",
	    "frank", "grant", "chase", "dawn", "gene", "don", "art", "pat",
	    "sue", "hope", "faith", "joy", "rich", "guy", "ray",
	    "jack", "penny", "sunny", "summer", "autumn", "april", "august",
	    "june", "else", "page", "wade", "lane", "drew", "miles", "max",
	    "rose", "brady", NULL };
	return word_in(s, i, w);
}

/* Words that follow "DR" in notes written in capitals without being
 * the doctor's name: verbs ("DR REVIEWED", "DR AWARE"), function words,
 * and what the doctor wrote or ordered. */
static int
word_after_doctor(const struct scan *s, size_t i)
{
	static const char *const w[] = { "aware", "notified", "called",
	    "paged", "office", "orders", "order", "note", "notes", "team",
	    "service", "said", "says", "states", "stated", "here", "also",
	    "came", "saw", "sees", "made", "will", "with", "were", "feels",
	    "wants", "thinks", "plans", "into", "from", "about", "this",
	    "that", "then", "today", "tonight", "again", "back", "note",
	    "consult", "consulted", "following", "rounds", "call", NULL };
	size_t n = tok_len(s, i);
	const char *t = s->lt + s->t[i].start;
	if (n >= 4 && ((t[n - 2] == 'e' && t[n - 1] == 'd') || (t[n - 3] == 'i' &&
	    t[n - 2] == 'n' && t[n - 1] == 'g')))
		return 1;
	return word_in(s, i, w);
}

/* Organisms written with an initial: "E. COLI", "C. diff". */
static int
organism_after_initial(const struct scan *s, size_t i)
{
	static const char *const w[] = { "coli", "pylori", "aureus",
	    "difficile", "diff", "dif", "albicans", "pneumoniae",
	    "epidermidis", "influenzae", "faecalis", "faecium", "marcescens",
	    "cloacae", "aeruginosa", "glabrata", "jirovecii", "carinii",
	    "mrsa", "vre", "fib", "flutter", NULL };
	return word_in(s, i, w);
}

/* Token k is a compass letter and its period before a name and a
 * street word: "W. Pratt St", "N. Charles Street" (no initial). */
static int
compass_before_street(const struct scan *s, size_t k)
{
	if (k >= s->n || tok_len(s, k) != 1 ||
	    strchr("nsew", s->lt[s->t[k].start]) == NULL)
		return 0;
	return punct(s, k + 1, '.') && has(s, k + 3, D_STREET) &&
	    capital(s, k + 3);
}

/* "D. Phyl", "J. Chang PA", "d. renna and j. o'brien", "DR B. GILL",
 * "per d ross": an initial and a surname. Returns the last token of the
 * name or (size_t)-1. */
static size_t
initial_and_surname(const struct scan *s, size_t i)
{
	if (s->t[i].kind != TK_WORD || tok_len(s, i) != 1 || s->t[i].named ||
	    !is_alpha((unsigned char)s->text[s->t[i].start]))
		return (size_t)-1;
	/* "a line", "r > l. perl", "S. INTUBATED" (SOAP headings) */
	char c = (char)lower((unsigned char)s->text[s->t[i].start]);
	if (c == 'a' || c == 'i' || c == 'l' || c == 'r' ||
	    (starts_line(s, i) && strchr("soap", c) != NULL))
		return (size_t)-1;
	/* a letter standing alone: not the end of "U.S.", "90's.", "u/o.",
	 * nor the O of "I & O" */
	if (i > 0 && ((!s->t[i].space_before && !punct(s, i - 1, '(')) ||
	    punct(s, i - 1, '&') || punct(s, i - 1, '/')))
		return (size_t)-1;
	int prev_cue = i > 0 && (word_is(s, i - 1, "per") ||
	    word_is(s, i - 1, "dr") || word_is(s, i - 1, "np") ||
	    word_is(s, i - 1, "md") || word_is(s, i - 1, "by") ||
	    (punct(s, i - 1, '.') && i > 1 && word_is(s, i - 2, "dr")));
	if (compass_before_street(s, i))
		return (size_t)-1;
	size_t k = i + 1;
	if (punct(s, k, '.') && adjacent(s, k))
		k++;
	/* "J SMITH ORDERED EPI": a hand-off word after the surname */
	else if (!prev_cue && !(k + 1 < s->n && has(s, k, D_SURNAME) &&
	    s->t[k + 1].kind == TK_WORD && staff_after(s, k + 1) &&
	    s->t[i].shape != SH_LOWER &&
	    s->t[k].shape != SH_LOWER))
		return (size_t)-1;
	else if (!prev_cue)
		return k;
	if (k >= s->n || s->t[k].kind != TK_WORD || !s->t[k].space_before ||
	    memchr(s->text + s->t[i].end, '\n',
	    s->t[k].start - s->t[i].end) != NULL)
		return (size_t)-1;
	/* "j. o'brien" */
	if (tok_len(s, k) == 1 && (word_is(s, k, "o") || word_is(s, k, "d")) &&
	    punct(s, k + 1, '\'') && adjacent(s, k + 1) && k + 2 < s->n &&
	    s->t[k + 2].kind == TK_WORD && adjacent(s, k + 2))
		return k + 2;
	/* "J. Chang PA": the initial of a name found already */
	if (s->t[k].named && (s->t[k].cats & (1u << PHI_NAME)))
		return k;
	uint32_t g = s->t[k].flags;
	if (tok_len(s, k) < 2 || (g & (D_NOTNAME | D_CLIN | D_TITLE | D_MONTH |
	    D_DAY | D_STATE | D_ORG | D_UNIT | D_PRONOUN | D_PERSON |
	    D_RELATIVE | D_LABEL | D_STREET)) || organism_after_initial(s, k) ||
	    hospital_unit(s, k) || clinical_abbrev(s, k))
		return (size_t)-1;
	int shaped = s->t[k].shape == SH_CAP || s->t[k].shape == SH_UPPER ||
	    (s->t[k].shape == SH_LOWER && (s->lower_doc || prev_cue));
	if (!shaped)
		return (size_t)-1;
	/* "J. Smith": a capitalised surname that is also a word */
	if (g & D_ENGLISH)
		return (g & D_SURNAME) && (prev_cue || (s->t[k].shape == SH_CAP &&
		    !s->upper_doc)) ? k : (size_t)-1;
	if (g & (D_SURNAME | D_FIRST))
		return k;
	return g == 0 && tok_len(s, k) >= 3 && has_vowel_after_first(s, k) ?
	    k : (size_t)-1;
}

/* Token k can end a name that starts with the given name at i. */
static int
pair_surname(const struct scan *s, size_t i, size_t k)
{
	const struct phi_token *t = &s->t[i];
	if (k >= s->n || s->t[k].kind != TK_WORD || !s->t[k].space_before ||
	    tok_len(s, k) < 3 || s->t[k].named ||
	    memchr(s->text + s->t[i].end, '\n', s->t[k].start - s->t[i].end))
		return 0;
	uint32_t g = s->t[k].flags;
	if (g & (D_ENGLISH | D_NOTNAME | D_CLIN | D_TITLE | D_MONTH | D_DAY |
	    D_STATE | D_ORG | D_UNIT | D_PRONOUN | D_PERSON | D_RELATIVE |
	    D_STREET | D_LABEL) || hospital_unit(s, k) || clinical_abbrev(s, k))
		return 0;
	return (g & D_SURNAME) || (g == 0 && tok_len(s, k) >= 5 &&
	    !(t->flags & D_ENGLISH) && t->weight >= 1000 &&
	    has_vowel_after_first(s, k));
}

/* "J.R. finished his last round of chemo": a person's initials, two
 * capitals each with its dot, with a person meant in the eight tokens
 * after them; not an abbreviation (U.S., D.C., P.M., R.N., E.R., a
 * state). Returns the last dot's token, or (size_t)-1. */
static size_t
initials_alone(const struct scan *s, size_t i)
{
	if (i + 3 >= s->n || tok_len(s, i) != 1 || tok_len(s, i + 2) != 1 ||
	    s->t[i].shape != SH_CAP || s->t[i + 2].shape != SH_CAP ||
	    !punct(s, i + 1, '.') || !punct(s, i + 3, '.') ||
	    !adjacent(s, i + 1) || !adjacent(s, i + 2) || !adjacent(s, i + 3) ||
	    (i + 4 < s->n && adjacent(s, i + 4) && s->t[i + 4].kind != TK_PUNCT))
		return (size_t)-1;
	unsigned char pair[2] = { lower((unsigned char)s->text[s->t[i].start]),
	    lower((unsigned char)s->text[s->t[i + 2].start]) };
	static const char abbrev[][3] = { "us", "dc", "pm", "am", "md", "rn",
	    "er", "iv", "or", "uk", "np", "pa", "do", "bs", "ms", "pt", "ot",
	    "ed", "ic", "gi", "eu", "un", "la", "ny", "ad", "bc", "ob", "aa",
	    "na", "ma", "ba", "ph", "dr", "st", "co", "jd", "rx", "ct", "mr",
	    "op", "ho", "yo", "tv", "to", "ci", "vo", "ss", "rt", "po", "bp",
	    "hr", "pr", "sl", "sc", "im", "od", "os", "ou", "qd", "hs", "ac",
	    "pc", "sq", "ng", "og", "et", "vs", "dx", "tx", "hx", "fx", "sx",
	    "is" /* incentive spirometer */ };
	for (size_t a = 0; a < sizeof(abbrev) / sizeof(abbrev[0]); a++)
		if (abbrev[a][0] == pair[0] && abbrev[a][1] == pair[1])
			return (size_t)-1;
	const struct phi_dict_slot *e = dict_find(pair, 2);
	if (e != NULL && (e->flags & D_STATE))
		return (size_t)-1;
	/* a person after them, or a patient just before: "Patient J.T.
	 * from Brooklyn Park", "Patient update: R.J. is off the
	 * ventilator" */
	if (!near(s, i + 3, 0, 8, D_PRONOUN | D_PERSON | D_DATECTX, 0) &&
	    !near(s, i, 3, 0, D_PERSON | D_RELATIVE, 0))
		return (size_t)-1;
	return i + 3;
}

/* In notes written in one case, a given name followed by a surname:
 * "grace dudak aware", "KAREN ANN YANULIS", "patty hoeller re skin". */
static size_t
one_case_pair(const struct scan *s, size_t i)
{
	const struct phi_token *t = &s->t[i];
	if (!(t->flags & D_FIRST))
		return (size_t)-1;
	/* "contact was made with martin carey": a pair written in
	 * lowercase after a word that introduces a person, in any note */
	int introduced = t->shape == SH_LOWER && i > 0 &&
	    (word_is(s, i - 1, "with") || word_is(s, i - 1, "by") ||
	    punct(s, i - 1, '&') || word_is(s, i - 1, "per"));
	if (!(s->lower_doc || s->upper_doc || introduced) ||
	    t->kind != TK_WORD || t->named ||
	    !(t->flags & D_FIRST) || tok_len(s, i) < 3 ||
	    (t->flags & (D_NOTNAME | D_MONTH | D_DAY | D_STATE | D_PRONOUN |
	    D_PERSON | D_RELATIVE | D_TITLE | D_CLIN | D_ORG | D_UNIT |
	    D_EPONYM)) || common_verb_name(s, i) || clinical_abbrev(s, i) ||
	    ((t->flags & D_ENGLISH) && t->weight < 500))
		return (size_t)-1;
	/* a second given name first ("karen ann yanulis", "mary theresa
	 * kondouli"), else the surname right after ("martin carey") */
	if (i + 2 < s->n && has(s, i + 1, D_FIRST) && !has(s, i + 1,
	    D_ENGLISH | D_NOTNAME | D_MONTH | D_DAY | D_STATE) &&
	    s->t[i + 1].space_before && pair_surname(s, i, i + 2))
		return i + 2;
	return pair_surname(s, i, i + 1) ? i + 1 : (size_t)-1;
}

/* "PER DOUGLASS WILL HOLD", "per wyman ok": a name after "per" in a
 * note written in one case, before what that person decided. */
static int
per_name(const struct scan *s, size_t i)
{
	if (!(s->lower_doc || s->upper_doc) || i == 0 || !word_is(s, i - 1,
	    "per") || s->t[i].kind != TK_WORD || s->t[i].named ||
	    tok_len(s, i) < 4 || !has(s, i, D_FIRST | D_SURNAME) ||
	    has(s, i, D_ENGLISH | D_NOTNAME | D_MONTH | D_DAY | D_STATE |
	    D_CLIN | D_TITLE) || clinical_abbrev(s, i) ||
	    hospital_unit(s, i) || i + 1 >= s->n)
		return 0;
	return word_is(s, i + 1, "will") || word_is(s, i + 1, "ok") ||
	    word_is(s, i + 1, "okay") || staff_after(s, i + 1);
}

/* In notes written in one case, a given name that is the subject of what
 * a person does: "JOHN STATES HIS SISTER", "(LUCY IS ON VACA)". */
static int
one_case_subject(const struct scan *s, size_t i)
{
	const struct phi_token *t = &s->t[i];
	if (!(s->lower_doc || s->upper_doc) || t->kind != TK_WORD || t->named ||
	    !(t->flags & D_FIRST) || tok_len(s, i) < 3 ||
	    (t->flags & (D_NOTNAME | D_MONTH | D_DAY | D_STATE |
	    D_PRONOUN | D_PERSON | D_RELATIVE | D_TITLE | D_CLIN | D_ORG |
	    D_UNIT | D_EPONYM | D_PLACE)) || clinical_abbrev(s, i) ||
	    common_verb_name(s, i))
		return 0;
	/* "social: bob visited": the first word of the social history */
	if (i >= 2 && punct(s, i - 1, ':') && word_is(s, i - 2, "social") &&
	    t->weight >= 200 && i + 1 < s->n && has(s, i + 1, D_PERSON))
		return 1;
	if (t->weight < 1000 || ((t->flags & D_ENGLISH) && t->weight < 5000))
		return 0;
	size_t k = i + 1;
	if (k >= s->n || s->t[k].kind != TK_WORD)
		return 0;
	return (has(s, k, D_PERSON) && has(s, k, D_ENGLISH) &&
	    tok_len(s, k) >= 4) || word_is(s, k, "states") ||
	    word_is(s, k, "stated") || (word_is(s, k, "is") &&
	    (i == 0 || punct(s, i - 1, '(')));
}

/* A lowercase word starts a name only as a title, a credential or a
 * relative. */
static int
starts_name(const struct scan *s, const struct phi_token *t)
{
	(void)s;
	return (t->kind == TK_WORD) & ((t->shape != SH_LOWER) |
	    ((t->flags & (D_TITLE | D_CLIN | D_RELATIVE)) != 0));
}

/* A capitalised word no dictionary calls ordinary, of two letters or
 * more (name.unknown). */
static int
starts_unknown_name(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	(void)s;
	return (t->kind == TK_WORD) & (len >= 2) &
	    ((t->flags & (D_ENGLISH | D_NOTNAME | D_ORG | D_CLIN |
	    D_TITLE | D_STATE | D_MONTH | D_DAY | D_PRONOUN |
	    D_EPONYM | D_RELATIVE | D_PERSON)) == 0) & (t->shape != SH_LOWER);
}

/* "shoutout to luis in 4 west, he goes home today", "congrats to ana on
 * her discharge", "welcome home anya": the lowercase name i right after a
 * greeting, with he, she, his or her in the eight words after it. */
static int
greeted_person(const struct scan *s, size_t i)
{
	static const char *const greetings[] = { "shoutout", "congrats",
	    "congratulations", "kudos", "thanks", NULL };
	if (i < 2)
		return 0;
	/* g: the word before the name, or before its "to" */
	size_t g = i - 1 - (word_is(s, i - 1, "to") ? 1 : 0);
	int greeted = (g < i - 1 && word_in(s, g, greetings)) ||
	    (g > 0 && ((g < i - 1 && word_is(s, g, "out") &&
	    word_is(s, g - 1, "shout")) || ((word_is(s, g, "home") ||
	    word_is(s, g, "back")) && word_is(s, g - 1, "welcome"))));
	return greeted && near(s, i, 0, 8, D_PRONOUN, 0);
}

/* The words right before a greeted name ("shoutout to", "congrats",
 * "welcome home", "welcome back"). */
#define GREETING_BEFORE_WORDS(X) X("to") X("congrats") X("kudos") \
    X("thanks") X("home") X("back")

/* A given name in lowercase that is no ordinary word (name.lower). */
static int
starts_lower_name(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	int cap = (t->shape == SH_CAP) | ((t->shape == SH_UPPER) & !s->upper_doc);
	size_t i = (size_t)(t - s->t);
	uint64_t prev = i > 0 ? t[-1].key : 0;
	/* a common given name that is also a word ("maria", "grace") only
	 * right after a word whose bit is a greeting's (greeted_person
	 * decides) */
	int greeted_word = ((t->flags & D_ENGLISH) != 0) &
	    (t->weight >= 1000) &
	    ((WORD_SET(GREETING_BEFORE_WORDS) & BLOOM_BIT(prev)) != 0);
	return (t->kind == TK_WORD) & !cap & ((t->flags & D_FIRST) != 0) &
	    (((t->flags & D_ENGLISH) == 0) | greeted_word) &
	    ((t->flags & (D_MONTH | D_DAY | D_STATE | D_NOTNAME |
	    D_EPONYM | D_PERSON | D_RELATIVE | D_TITLE | D_CLIN)) == 0) &
	    (len >= 3);
}

/* "cell", "tel", "ph" or "mobile" (name.phone). */
static int
starts_phone_label(const struct scan *s, const struct phi_token *t)
{
	uint64_t k = t->key;
	(void)s;
	return (t->kind == TK_WORD) & ((k == literal_key("cell", 4)) |
	    (k == literal_key("tel", 3)) | (k == literal_key("ph", 2)) |
	    (k == literal_key("mobile", 6)));
}

/* An initial, or a given name or a surname that the pass can take
 * (name.initial, name.pair …): in a note all in one case any of them
 * (one_case_pair, one_case_subject, per_name), elsewhere only a given
 * name in lowercase introduced by "with", "by", "per" or "&"
 * (one_case_pair). A third of all words are given names or surnames, so
 * the narrower test spares the pass most of its visits. */
static int
starts_initial_or_pair(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	size_t i = (size_t)(t - s->t);
	const struct phi_token *pv = i > 0 ? t - 1 : t;
	int one_case = s->lower_doc | s->upper_doc;
	/* a superset is enough (one_case_pair tests the words again): the
	 * word before among "with", "by", "per" by its bit in a word set */
	const uint64_t intro = BLOOM_WORD("with") | BLOOM_WORD("by") |
	    BLOOM_WORD("per");
	int introduced = (i > 0) & (t->shape == SH_LOWER) &
	    (((intro & BLOOM_BIT(pv->key)) != 0) | (pv->pch == '&'));
	return (t->kind == TK_WORD) & ((len == 1) |
	    (((t->flags & (D_FIRST | D_SURNAME)) != 0) & (one_case |
	    (((t->flags & D_FIRST) != 0) & introduced))));
}

/* A capitalised surname inside a sentence (name.surname). */
static int
starts_lone_surname(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	(void)s;
	return (t->kind == TK_WORD) & !t->sent_start & (t->shape == SH_CAP) &
	    ((t->flags & D_SURNAME) != 0) &
	    ((t->flags & (D_ENGLISH | D_FIRST | D_PLACE | D_STATE |
	    D_EPONYM | D_NOTNAME | D_ORG | D_MONTH | D_DAY | D_STREET |
	    D_SCHOOL | D_TITLE | D_CLIN)) == 0) & (len >= 3);
}

/* "Remembering Dot, a patient and friend": the capitalised word i set
 * off as a patient is a name, even one that is also a word. */
static int
set_off_as_patient(const struct scan *s, size_t i)
{
	return !s->t[i].sent_start && punct(s, i + 1, ',') &&
	    (word_is(s, i + 2, "a") || word_is(s, i + 2, "our")) &&
	    (word_is(s, i + 3, "patient") || (word_is(s, i + 3, "former") &&
	    word_is(s, i + 4, "patient"))) &&
	    !has(s, i, D_MONTH | D_DAY | D_STATE | D_ORG | D_NOTNAME | D_TITLE |
	    D_CLIN | D_PRONOUN | D_PERSON | D_RELATIVE);
}

/* Token k is the first word inside double quotes: '"Big Mike'. */
static int
quote_opens(const struct scan *s, size_t k)
{
	return k > 0 && punct(s, k - 1, '"') && adjacent(s, k) &&
	    (k == 1 || !adjacent(s, k - 1));
}

/* Token i stands alone in double quotes after a patient, a veteran, a
 * friend or a relative, or after "nicknamed", "aka", "known as" or
 * "called": our patient "Sarge", grandpa "Pops", known as "Peanut". A
 * quoted word anywhere else is a word ("the word "Cancer""). */
static int
nickname_in_quotes(const struct scan *s, size_t i)
{
	if (i < 2 || !punct(s, i - 1, '"') || !punct(s, i + 1, '"') ||
	    !adjacent(s, i) || !adjacent(s, i + 1) ||
	    has(s, i, D_PRONOUN | D_TITLE | D_CLIN | D_MONTH | D_DAY))
		return 0;
	size_t k = i - 2;
	return has(s, k, D_RELATIVE) || word_is(s, k, "patient") ||
	    word_is(s, k, "pt") || word_is(s, k, "veteran") ||
	    word_is(s, k, "friend") || word_is(s, k, "nicknamed") ||
	    word_is(s, k, "aka") || word_is(s, k, "called") ||
	    (word_is(s, k, "as") && k > 0 && word_is(s, k - 1, "known"));
}

/* "Congrats to the Smiths on their twins": the capitalised word i is a
 * family by its name in the plural ("Smiths", "Garcias", "Joneses"),
 * with a relative or a birth within reach (not "the Ravens" of a game). */
static int
family_plural(const struct scan *s, size_t i)
{
	size_t len = tok_len(s, i);
	/* "the O'Sullivans": the O' before the name */
	size_t the = i >= 3 && punct(s, i - 1, '\'') && adjacent(s, i - 1) &&
	    adjacent(s, i) && word_is(s, i - 2, "o") && capital(s, i - 2) ?
	    i - 3 : i - 1;
	if (i == 0 || len < 4 || s->lt[s->t[i].end - 1] != 's' ||
	    !word_is(s, the, "the") || has(s, i, D_EPONYM | D_ORG | D_NOTNAME))
		return 0;
	const unsigned char *w = (const unsigned char *)s->lt + s->t[i].start;
	const struct phi_dict_slot *stem = dict_find(w, len - 1);
	if ((stem == NULL || !(stem->flags & D_SURNAME)) && w[len - 2] == 'e')
		stem = dict_find(w, len - 2);
	/* "The Hendersons sent pizza to 4 West after their dad's surgery":
	 * a relative or a date's event within ten words after */
	return stem != NULL && (stem->flags & D_SURNAME) &&
	    !(stem->flags & (D_STATE | D_NOTNAME | D_ORG | D_EPONYM | D_CLIN |
	    D_PERSON)) && near(s, i, 4, 10, D_RELATIVE | D_DATECTX, 0) &&
	    near(s, i, 4, 10, D_PERSON, 0);
}

/* "Get well soon Rick!", "get well, Hope": the wish for a patient just
 * before token i. */
static int
get_well_before(const struct scan *s, size_t i)
{
	if (i < 2)
		return 0;
	size_t k = i - 1;
	if (punct(s, k, ',') && k > 1)
		k--;
	if (word_is(s, k, "soon") && k > 1)
		k--;
	return word_is(s, k, "well") && word_is(s, k - 1, "get");
}

/* "Grace was born", "Will is recovering", "Hope was admitted": is or was
 * and a word of a person's life event after token i; or where a patient
 * is or lives, or what one person is. */
static int
life_event_after(const struct scan *s, size_t i)
{
	int copula = word_is(s, i + 1, "was") || word_is(s, i + 1, "is");
	if (copula && (has(s, i + 2, D_DATECTX | D_MOVED) ||
	    word_is(s, i + 2, "recovering")))
		return 1;
	/* "Hector is in ROOM 221", "Hank lives on Kettle Creek Road" */
	if ((copula && word_is(s, i + 2, "in") && (word_is(s, i + 3, "room") ||
	    word_is(s, i + 3, "rm") || word_is(s, i + 3, "bed"))) ||
	    ((word_is(s, i + 1, "lives") || word_is(s, i + 1, "lived")) &&
	    (word_is(s, i + 2, "in") || word_is(s, i + 2, "on"))))
		return 1;
	/* "Ray got hit at the corner of...", "Will was shot": an injury */
	if ((word_is(s, i + 1, "got") || word_is(s, i + 1, "was")) &&
	    (word_is(s, i + 2, "hit") || word_is(s, i + 2, "shot") ||
	    word_is(s, i + 2, "struck") || word_is(s, i + 2, "hurt") ||
	    word_is(s, i + 2, "injured") || word_is(s, i + 2, "burned") ||
	    word_is(s, i + 2, "stabbed") || word_is(s, i + 2, "bitten")))
		return 1;
	/* "Joy is a two-time cancer survivor": what one person is */
	if (copula && (word_is(s, i + 2, "a") || word_is(s, i + 2, "an")))
		for (size_t j = i + 3; j < s->n && j <= i + 8 &&
		    (s->t[j].kind == TK_WORD || punct(s, j, '-')); j++)
			if (has(s, j, D_PERSON) || individual_word(s, j))
				return 1;
	return 0;
}

/* Tokens k.. set off what a person is: ", a stroke survivor", ", a
 * retired firefighter", ", our patient" (a comma, a, an or our, and a
 * person word or one of INDIVIDUAL_WORDS in the three words after). */
static int
person_apposed(const struct scan *s, size_t k)
{
	/* "Javi, the 16-year-old hit by a car": an age as what one is */
	if (punct(s, k, ',') && (word_is(s, k + 1, "a") || word_is(s, k + 1,
	    "an") || word_is(s, k + 1, "the")) && k + 5 < s->n &&
	    s->t[k + 2].kind == TK_NUM && punct(s, k + 3, '-') &&
	    (word_is(s, k + 4, "year") || word_is(s, k + 4, "month")))
		return 1;
	if (!punct(s, k, ',') || !(word_is(s, k + 1, "a") ||
	    word_is(s, k + 1, "an") || word_is(s, k + 1, "our")))
		return 0;
	for (size_t j = k + 2; j < s->n && j <= k + 4; j++) {
		if (s->t[j].kind != TK_WORD)
			return 0;
		/* "Destiny, a Woodlawn High senior": a year at school
		 * (here only: "senior" elsewhere is "senior center") */
		if (has(s, j, D_PERSON | D_RELATIVE) || individual_word(s, j) ||
		    word_is(s, j, "senior") || word_is(s, j, "junior") ||
		    word_is(s, j, "sophomore") || word_is(s, j, "freshman") ||
		    word_is(s, j, "grad") || word_is(s, j, "graduate"))
			return 1;
	}
	return 0;
}

/* Tokens k.. state an age: "turned 95", "turns 5 today", "is 7 and" (a
 * number up to 120 with nothing after it that counts something else:
 * not "is 5 minutes away"). */
static int
age_stated_after(const struct scan *s, size_t k)
{
	long v = num_value(s, k + 1);
	size_t a = k + 2;
	if (!(word_is(s, k, "turned") || word_is(s, k, "turns") ||
	    word_is(s, k, "is")) || v < 0 || v > 120 || tok_len(s, k + 1) > 3)
		return 0;
	if (a >= s->n)
		return 1;
	if (punct(s, a, '.')) /* "is 7." but not "is 7.5" */
		return !(a + 1 < s->n && s->t[a + 1].kind == TK_NUM &&
		    adjacent(s, a + 1));
	if (s->t[a].kind == TK_PUNCT)
		return s->t[a].pch == ',' || s->t[a].pch == '!' ||
		    s->t[a].pch == ')' || s->t[a].pch == ';';
	return word_is(s, a, "today") || word_is(s, a, "and") ||
	    word_is(s, a, "in") || word_is(s, a, "years") ||
	    word_is(s, a, "on");
}

/* The number at token j starts a list of numbers: "3, 4 and 5" (a number
 * after the comma that follows it), so it is no one's age. */
static int
numbers_listed(const struct scan *s, size_t j)
{
	return j + 2 < s->n && s->t[j + 2].kind == TK_NUM;
}

/* Tokens k.. are an age set off by commas: ", 11,". */
static int
age_set_off(const struct scan *s, size_t k)
{
	long v = num_value(s, k + 1);
	return punct(s, k, ',') && v >= 0 && v <= 120 &&
	    tok_len(s, k + 1) <= 3 && punct(s, k + 2, ',') &&
	    !numbers_listed(s, k + 1);
}

/* Tokens k.. are a bed or room in brackets: "(bed 22)", "(room 5)". */
static int
bed_in_brackets(const struct scan *s, size_t k)
{
	return punct(s, k, '(') && (word_is(s, k + 1, "bed") ||
	    word_is(s, k + 1, "room") || word_is(s, k + 1, "rm") ||
	    word_is(s, k + 1, "bay")) && k + 2 < s->n &&
	    s->t[k + 2].kind == TK_NUM;
}

/* Token k names a kind of building people live in. */
static int
apartments_word(const struct scan *s, size_t k)
{
	if (k >= s->n)
		return 0;
	/* (its length and first letter first: asked of many words) */
	size_t n = tok_len(s, k);
	char c = s->lt[s->t[k].start];
	if (!(c == 'a' && (n == 10 || n == 4)) &&
	    !(c == 'c' && (n == 12 || n == 6)))
		return 0;
	return word_is(s, k, "apartments") || word_is(s, k, "apts") ||
	    word_is(s, k, "condominiums") || word_is(s, k, "condos");
}

/* Token k starts a street's name at a corner: a capitalised word, or an
 * ordinal street ("33rd", "5th": a number and its suffix). Returns its
 * last token, or (size_t)-1. */
static size_t
street_part(const struct scan *s, size_t k)
{
	if (k >= s->n)
		return (size_t)-1;
	if (s->t[k].kind == TK_WORD)
		return capital(s, k) && !has(s, k, D_PRONOUN | D_MONTH |
		    D_DAY) ? k : (size_t)-1;
	if (s->t[k].kind == TK_NUM && tok_len(s, k) <= 3 &&
	    adjacent(s, k + 1) && (word_is(s, k + 1, "st") ||
	    word_is(s, k + 1, "nd") || word_is(s, k + 1, "rd") ||
	    word_is(s, k + 1, "th")))
		return k + 1;
	return (size_t)-1;
}

#define LANDMARK_SET (BLOOM_WORD("lake") | BLOOM_WORD("mount") | \
    BLOOM_WORD("fort") | BLOOM_WORD("cape"))

/* Token i is "Lake", "Mount", "Fort" or "Cape", capitalised, before a
 * capitalised name, after a word of where: "at Lake Montebello", "around
 * Lake Roland", "near Fort McHenry". */
static int
landmark_after_where(const struct scan *s, size_t i)
{
	if (i >= s->n || !(LANDMARK_SET & BLOOM_BIT(s->t[i].key)))
		return 0;
	return i > 0 && s->t[i].shape == SH_CAP && capital(s, i + 1) &&
	    (word_is(s, i, "lake") || word_is(s, i, "mount") ||
	    word_is(s, i, "fort") || word_is(s, i, "cape")) &&
	    (word_is(s, i - 1, "at") || word_is(s, i - 1, "around") ||
	    word_is(s, i - 1, "near") || word_is(s, i - 1, "in") ||
	    word_is(s, i - 1, "to") || word_is(s, i - 1, "by") ||
	    word_is(s, i - 1, "from"));
}

/* "Perry Hall", "Cherry Hill", "Glen Burnie", "Lake Roland": a given
 * name and a surname that together name a known place, or a lake, mount,
 * fort or cape, are the place (the address rules decide whether it is
 * anyone's), unless it is someone's ("Perry Hall's surgery") or a person
 * or a patient's care is named near it ("Perry Hall is home after his
 * surgery"). */
static int
place_not_person(const struct scan *s, size_t i)
{
	if (!capital(s, i + 1) || possessive_after(s, i + 1))
		return 0;
	/* "walks her dog at Lake Roland": a lake, mount, fort or cape
	 * after a word of where, whoever is near (rule_addresses finds it
	 * as a place) */
	if ((LANDMARK_SET & BLOOM_BIT(s->t[i].key)) &&
	    landmark_after_where(s, i))
		return 1;
	return ((dict_phrase_flags(s, i, i + 1) & D_PLACE) ||
	    word_is(s, i, "lake") || word_is(s, i, "mount") ||
	    word_is(s, i, "fort") || word_is(s, i, "cape")) &&
	    !near(s, i, 8, 9, D_PRONOUN | D_PERSON | D_RELATIVE, 1) &&
	    !care_near(s, i, i + 1);
}

/* "Julio spent 6 weeks in our trauma unit": a Spanish month that is a
 * given name (julio, abril), capitalised, with no day number or "de"
 * beside it, is the name ("15 de julio", "julio 15" are dates). */
static int
month_as_given_name(const struct scan *s, size_t i)
{
	return (s->t[i].flags & D_FIRST) && (s->t[i].flags & D_MONTH) &&
	    s->t[i].shape == SH_CAP && (word_is(s, i, "julio") ||
	    word_is(s, i, "abril")) && !(i > 0 && word_is(s, i - 1, "de")) &&
	    !word_is(s, i + 1, "de") && !(i + 1 < s->n &&
	    s->t[i + 1].kind == TK_NUM) && !(i > 0 &&
	    s->t[i - 1].kind == TK_NUM);
}

/* Offices held in public, and storms, whose holder's or storm's name
 * follows: "Governor Wes Moore", "Mayor Brandon Scott", "Hurricane
 * Ernesto". */
#define PUBLIC_OFFICE_WORDS(X) X("governor") X("mayor") X("senator") \
    X("congressman") X("congresswoman") X("councilman") \
    X("councilwoman") X("councilmember") X("commissioner") \
    X("delegate") X("representative") X("secretary") X("president") \
    X("superintendent") X("chancellor") X("hurricane") X("storm") \
    X("typhoon")

/* Positions on a professional team, written in lowercase after the
 * team's name: "Ravens quarterback Lamar Jackson", "Orioles pitcher". */
#define TEAM_POSITION_WORDS(X) X("quarterback") X("linebacker") \
    X("receiver") X("tight") X("pitcher") X("shortstop") X("outfielder") \
    X("catcher") X("infielder") X("goalie") X("goalkeeper") \
    X("midfielder") X("defender") X("striker") X("guard") X("coach") \
    X("legend") X("star") X("great")

/* The region's professional teams (EPONYM in the lexicon too, so that
 * "the Ravens" is no family). */
#define TEAM_WORDS(X) X("ravens") X("orioles") X("nationals") X("nats") \
    X("commanders") X("capitals") X("wizards") X("terps") \
    X("terrapins") X("mystics")

/* Token i, capitalised, follows a capitalised public office or a storm
 * ("Governor Wes Moore", "Hurricane Ernesto"), or one of TEAM_WORDS
 * and a position on it: a public figure or a storm, not a patient,
 * unless a patient's care is named near (a governor's stay in hospital
 * is as private as anyone's: rule_names). */
static int
public_office_before(const struct scan *s, size_t i)
{
	static const char *const words[] = WORD_LIST(PUBLIC_OFFICE_WORDS);
	static const char *const positions[] = WORD_LIST(TEAM_POSITION_WORDS);
	static const char *const teams[] = WORD_LIST(TEAM_WORDS);
	if (i == 0 || !capital(s, i))
		return 0;
	if (capital(s, i - 1) &&
	    word_in_set(s, i - 1, WORD_SET(PUBLIC_OFFICE_WORDS), words))
		return 1;
	/* a team's player: "Ravens quarterback Lamar Jackson", "Orioles
	 * legend Cal Ripken", "Ravens tight end Mark Andrews" */
	size_t p = i - 1;
	/* "the Ravens' Lamar Jackson" */
	if (i > 1 && punct(s, p, '\'') && adjacent(s, p) && capital(s, p - 1) &&
	    word_in_set(s, p - 1, WORD_SET(TEAM_WORDS), teams))
		return 1;
	if (word_is(s, p, "end") && p > 0 && word_is(s, p - 1, "tight"))
		p--;
	return p > 0 && s->t[p].shape == SH_LOWER && capital(s, p - 1) &&
	    word_in_set(s, p - 1, WORD_SET(TEAM_WORDS), teams) &&
	    word_in_set(s, p, WORD_SET(TEAM_POSITION_WORDS), positions);
}

/* "born to Jasmine and Derek", "Ava and Ella": a capitalised given name
 * that is also a word, joined by "and" or "&" to a name found (not one of
 * the staff's), and not the start of a longer proper name ("Hope
 * Lodge"). */
static int
paired_with_name(const struct scan *s, size_t i)
{
	/* (a month's name that is a given name, standing alone with no
	 * day beside it, can be a name: "Jun and Mei Lin with their twins",
	 * "April and Yolanda") */
	int month_alone = has(s, i, D_MONTH) && (word_is(s, i, "jun") ||
	    word_is(s, i, "jan") || word_is(s, i, "april") ||
	    word_is(s, i, "june") || word_is(s, i, "may") ||
	    word_is(s, i, "august")) &&
	    !(i + 1 < s->n && s->t[i + 1].kind == TK_NUM) &&
	    !(i > 0 && s->t[i - 1].kind == TK_NUM) && !punct(s, i + 1, '.');
	if (!(has(s, i, D_FIRST) || month_alone) || (has(s, i, D_MONTH) &&
	    !month_alone) || has(s, i, D_DAY | D_STATE | D_ORG | D_NOTNAME |
	    D_TITLE | D_EPONYM) || capital(s, i + 1))
		return 0;
	int after = (word_is(s, i + 1, "and") || punct(s, i + 1, '&')) &&
	    i + 2 < s->n && s->t[i + 2].named &&
	    s->t[i + 2].named != NAMED_STAFF;
	int before = i >= 2 && (word_is(s, i - 1, "and") ||
	    punct(s, i - 1, '&')) && s->t[i - 2].named &&
	    s->t[i - 2].named != NAMED_STAFF;
	return after || before;
}

static void
rule_names(struct scan *s)
{
	for (size_t i = cand_next(s, CP_NAME, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_NAME, i)) {
		struct phi_token *t = &s->t[i];
		if (t->named)
			continue;
		uint32_t f = t->flags;
		if (month_as_given_name(s, i))
			f &= ~(uint32_t)D_MONTH;
		/* "the Baltimore Museum of Art", "the University of
		 * Maryland": the rest of an organisation's name */
		if (i > 1 && word_is(s, i - 1, "of") && capital(s, i - 2) &&
		    has(s, i - 2, D_ORG | D_SCHOOL))
			continue;
		/* "at the corner of Charles and North": streets */
		if (i > 1 && ((word_is(s, i - 1, "of") &&
		    word_is(s, i - 2, "corner")) || (i > 3 &&
		    (word_is(s, i - 1, "and") || punct(s, i - 1, '&')) &&
		    word_is(s, i - 3, "of") && word_is(s, i - 4, "corner"))))
			continue;
		if (public_office_before(s, i)) {
			size_t e = name_extent(s, i);
			if (!care_near(s, i, e)) {
				i = e;
				continue;
			}
		}

		/* (the title tests below only for titles and credentials) */
		if (f & (D_TITLE | D_CLIN)) {
			/* Titles: Mr. Smith, Mrs Jane Doe, Dr. Lee (a clinician). RN, MD,
			 * PA follow a name rather than precede it; "SR", "MS", "LT" in
			 * notes are sinus rhythm, mental status, left — a short title in
			 * capitals needs its period. */
			int prefix_ok = !(f & D_CLIN) || (f & D_TITLE) ||
			    word_is(s, i, "dr") || word_is(s, i, "doctor") ||
			    word_is(s, i, "nurse") || word_is(s, i, "drs") ||
			    (i + 1 < s->n && (s->t[i + 1].shape == SH_CAP ||
			    s->t[i + 1].shape == SH_UPPER) && has(s, i + 1, D_FIRST) &&
			    !has(s, i + 1, D_ENGLISH));
			/* "NP CAROL ORDERED", "per NP Patty": a clinician's given
			 * name after the credential, even one that is also a word
			 * (not the verbs and months "RN WILL", "MD MAY") */
			int clin_first = (f & D_CLIN) && !(f & D_TITLE) && i + 1 < s->n &&
			    has(s, i + 1, D_FIRST | D_SURNAME) &&
			    (s->t[i + 1].shape != SH_LOWER || (i + 2 < s->n &&
			    (has(s, i + 2, D_PERSON) || word_is(s, i + 2, "made")))) &&
			    (has(s, i + 1, D_FIRST) || !has(s, i + 1, D_ENGLISH)) &&
			    !has(s, i + 1, D_NOTNAME | D_MONTH | D_DAY | D_STATE |
			    D_PRONOUN | D_PERSON | D_RELATIVE | D_TITLE | D_CLIN) &&
			    (!has(s, i + 1, D_ENGLISH) || (s->t[i + 1].weight >= 500 &&
			    !common_verb_name(s, i + 1)));
			prefix_ok = prefix_ok || clin_first;
			int short_caps = s->t[i].shape == SH_UPPER && tok_len(s, i) <= 3 &&
			    !punct(s, i + 1, '.') && !word_is(s, i, "mr") && !clin_first &&
			    !word_is(s, i, "mrs") && !word_is(s, i, "dr");
			int subject = (f & D_TITLE) && title_then_subject(s, i);
			if (prefix_ok && !short_caps &&
			    (capital(s, i) || s->t[i].shape == SH_UPPER ||
			    punct(s, i + 1, '.') || word_is(s, i, "dr") ||
			    word_is(s, i, "mrs") || subject || clin_first)) {
				size_t j = i + 1 + (punct(s, i + 1, '.') ? 1 : 0);
				int lower_ok = punct(s, i + 1, '.') || (f & D_CLIN) ||
				    word_is(s, i, "mrs") || subject;
				/* After "Dr." any unknown word is a name, whatever
				 * its case: "DR. BAKAITIS", "dr vasquez". */
				int strong_title = punct(s, i + 1, '.') || word_is(s, i, "dr") ||
				    word_is(s, i, "doctor") || word_is(s, i, "mrs") ||
				    (s->t[i].shape == SH_CAP && word_is(s, i, "mr")) ||
				    subject;
				uint32_t jf = j < s->n ? s->t[j].flags : 0;
				/* "Dr. O'Connell", "mr o'brien": O' and D' prefixes */
				int o_prefix = j + 2 < s->n && tok_len(s, j) == 1 &&
				    s->t[j].kind == TK_WORD && punct(s, j + 1, '\'') &&
				    adjacent(s, j + 1) && adjacent(s, j + 2) &&
				    s->t[j + 2].kind == TK_WORD && tok_len(s, j + 2) >= 3 &&
				    (word_is(s, j, "o") || word_is(s, j, "d"));
				/* "Mrs. Park", "Mr. Rice": a surname that is also a
				 * word, after a title with its period */
				int org_surname = (jf & D_SURNAME) && punct(s, i + 1, '.') &&
				    capital(s, j) && !(f & D_CLIN);
				int after_title = strong_title && j < s->n &&
				    s->t[j].kind == TK_WORD && tok_len(s, j) >= 2 &&
				    (!(jf & D_ENGLISH) || (jf & D_SURNAME)) &&
				    !(jf & (D_NOTNAME | D_TITLE | D_CLIN |
				    D_MONTH | D_DAY | D_STATE | D_PRONOUN |
				    D_RELATIVE | D_PERSON)) &&
				    (!(jf & D_ORG) || org_surname) && (lower_ok ||
				    s->t[j].shape != SH_LOWER);
				/* "per Dr. Tyro": after Dr a capitalised word that is
				 * only otherwise an uncommon English word */
				if (clin_first && j == i + 1)
					after_title = 1;
				if (!after_title && word_is(s, i, "dr") && j < s->n &&
				    s->t[j].kind == TK_WORD && (s->t[j].shape == SH_CAP ||
				    (s->upper_doc && s->t[j].shape == SH_UPPER &&
				    tok_len(s, j) >= 4 && !word_after_doctor(s, j))) &&
				    tok_len(s, j) >= 3 && !(jf & (D_NOTNAME | D_ORG |
				    D_TITLE | D_CLIN | D_MONTH | D_DAY | D_STATE |
				    D_PRONOUN | D_RELATIVE | D_PERSON | D_EPONYM |
				    D_LABEL | D_UNIT | D_COPULA | D_PLACEPREP)))
					after_title = 1;
				uint32_t g = j < s->n ? s->t[j].flags : 0;
				int word_not_name = !after_title &&
				    ((g & (D_RELATIVE | D_PERSON | D_PRONOUN)) ||
				    ((g & D_ENGLISH) && !(g & (D_FIRST | D_SURNAME))));
				if (o_prefix && strong_title) {
					int clin = (f & D_CLIN) && !(f & D_TITLE);
					add_tokens(s, j, j + 2, PHI_NAME, clin ? PHI_REVIEW :
					    PHI_BLOCK, clin ? "name.clinician" :
					    "name.title");
					i = j + 2;
					continue;
				}
				if ((name_shaped(s, j, lower_ok) || after_title) &&
				    !word_not_name && !(s->t[j].flags & (D_MONTH | D_DAY)) &&
				    !((f & D_RELATIVE) && !capital(s, i))) {
					size_t e = name_extent(s, j);
					/* "Dr Ferdinand Halfpenny": after a title and a
					 * given name, a capitalised word is the surname
					 * even when it is also an English word */
					if (e == j && has(s, j, D_FIRST) && capital(s, j) &&
					    e + 1 < s->n && s->t[e + 1].kind == TK_WORD &&
					    s->t[e + 1].shape == SH_CAP &&
					    s->t[e + 1].space_before && tok_len(s, e + 1) >= 3 &&
					    !has(s, e + 1, D_NOTNAME | D_MONTH | D_DAY |
					    D_STATE | D_UNIT | D_PRONOUN | D_PERSON | D_CLIN |
					    D_TITLE | D_ORG | D_COPULA | D_LABEL))
						e++;
					/* "dr. john bowman", "mrs. marcela carlson": in
					 * lowercase, a surname after the given name */
					if (e == j && lower_ok && s->t[j].shape == SH_LOWER &&
					    has(s, j, D_FIRST) && e + 1 < s->n &&
					    s->t[e + 1].kind == TK_WORD &&
					    s->t[e + 1].shape == SH_LOWER &&
					    s->t[e + 1].space_before &&
					    has(s, e + 1, D_SURNAME) &&
					    !has(s, e + 1, D_NOTNAME | D_MONTH | D_DAY |
					    D_STATE | D_UNIT | D_PRONOUN | D_PERSON |
					    D_CLIN) && (!has(s, e + 1, D_ENGLISH) ||
					    has(s, e + 1, D_PLACE)) && tok_len(s, e + 1) >= 3)
						e++;
					/* O'Connell, D'Angelo */
					if (e == j && tok_len(s, j) == 1 && punct(s, j + 1, '\'') &&
					    adjacent(s, j + 1) && adjacent(s, j + 2) &&
					    j + 2 < s->n && s->t[j + 2].kind == TK_WORD)
						e = j + 2;
					/* "Dr. Seuss Day": what a day is named for */
					if (named_for(s, j, e, 1)) {
						i = e;
						continue;
					}
					int clin = (f & D_CLIN) && !(f & D_TITLE);
					/* "Dr. Griffin and Swackhamer" */
					if (word_is(s, e + 1, "and") && e + 2 < s->n &&
					    s->t[e + 2].kind == TK_WORD && (capital(s, e + 2) ||
					    (s->upper_doc && s->t[e + 2].shape == SH_UPPER &&
					    has(s, e + 3, D_PERSON))) &&
					    !has(s, e + 2, D_ENGLISH | D_NOTNAME | D_ORG |
					    D_TITLE | D_CLIN))
						add_tokens(s, e + 2, e + 2, PHI_NAME, clin ?
						    PHI_REVIEW : PHI_BLOCK, clin ?
						    "name.clinician" : "name.title");
					add_tokens(s, j, e, PHI_NAME, clin ? PHI_REVIEW :
					    PHI_BLOCK, clin ? "name.clinician" :
					    "name.title");
					i = e;
					continue;
				}
			}
		}
		/* "Mr. T on 6N", "Coach K!", "shoutout to Mr. K in rm 1104":
		 * a capitalised title and one capital letter standing alone,
		 * the name a patient goes by (not "Mr. K. Lee", whose surname
		 * the initial rules find, nor "Ms. A and B") */
		if ((f & D_TITLE) && s->t[i].shape == SH_CAP) {
			size_t j = i + 1 + (punct(s, i + 1, '.') && adjacent(s,
			    i + 1) ? 1 : 0);
			if (capital_letter(s, j) && s->t[j].space_before &&
			    !s->t[j].named &&
			    (j + 1 >= s->n || (s->t[j + 1].kind == TK_PUNCT &&
			    !(s->t[j + 1].pch == '.' && capital(s, j + 2)) &&
			    s->t[j + 1].pch != '-' && s->t[j + 1].pch != '&') ||
			    (s->t[j + 1].kind == TK_WORD &&
			    s->t[j + 1].shape == SH_LOWER &&
			    !word_is(s, j + 1, "and")))) {
				add_tokens(s, j, j, PHI_NAME, PHI_BLOCK,
				    "name.title");
				i = j;
				continue;
			}
		}
		/* Relatives and patients: "husband Bill", "patient Ana Ruiz",
		 * "daughter Kasia", "Grandma May". */
		if ((f & D_RELATIVE) && !(f & D_TITLE && capital(s, i))) {
			size_t j = i + 1 + (punct(s, i + 1, ',') ? 1 : 0);
			uint32_t g = j < s->n ? s->t[j].flags : 0;
			int month_name = (g & D_MONTH) && (num_value(s, j + 1) >= 0 ||
			    !capital(s, j));
			if (j < s->n && s->t[j].kind == TK_WORD && !month_name &&
			    tok_len(s, j) >= 2 &&
			    !(g & (D_DAY | D_NOTNAME | D_ORG | D_STATE | D_PERSON |
			    D_RELATIVE | D_PRONOUN | D_CLIN | D_TITLE)) &&
			    (((g & (D_FIRST | D_SURNAME)) && (!(g & D_ENGLISH) ||
			    s->t[j].shape == SH_CAP || ((g & D_FIRST) &&
			    s->t[j].weight > 1000) || ((g & D_FIRST) &&
			    (s->upper_doc || s->lower_doc) &&
			    s->t[j].weight >= 200 && !common_verb_name(s, j)))) || (s->t[j].shape == SH_CAP &&
			    !(g & D_ENGLISH) && tok_len(s, j) >= 3) ||
			    /* "husband milovan": unknown lowercase word */
			    (s->t[j].shape == SH_LOWER && !(g & (D_ENGLISH |
			    D_PLACE | D_UNIT | D_LABEL)) && g == 0 &&
			    tok_len(s, j) >= 3 && !s->upper_doc &&
			    !word_is(s, i, "patient") && !word_is(s, i, "pt")))) {
				size_t e = name_extent(s, j);
				/* "meet Baltimore Police officers", "meet our
				 * Towson Fire volunteers": a town or an
				 * ordinary word, then a group: not a person
				 * ("mom Doris" before "team" still is) */
				if (e + 1 < s->n && s->t[e + 1].shape == SH_LOWER &&
				    (has(s, j, D_PLACE) || (e > j &&
				    has(s, e, D_ENGLISH))) &&
				    (word_is(s, e + 1, "officers") ||
				    word_is(s, e + 1, "firefighters") ||
				    word_is(s, e + 1, "volunteers") ||
				    word_is(s, e + 1, "nurses") ||
				    word_is(s, e + 1, "students") ||
				    word_is(s, e + 1, "players") ||
				    word_is(s, e + 1, "staff") ||
				    word_is(s, e + 1, "team") ||
				    word_is(s, e + 1, "members"))) {
					i = e;
					continue;
				}
				add_tokens(s, j, e, PHI_NAME, PHI_BLOCK,
				    "name.relative");
				i = e;
				continue;
			}
		}
		/* "Rm 2214: Gonzalez, M. NPO after midnight" (a whiteboard,
		 * a list): a surname, a comma and an initial with its
		 * period */
		if ((f & D_SURNAME) && !(f & (D_ENGLISH | D_STATE | D_NOTNAME |
		    D_MONTH | D_DAY | D_ORG | D_EPONYM)) && capital(s, i) &&
		    tok_len(s, i) >= 3 && punct(s, i + 1, ',') &&
		    adjacent(s, i + 1) && capital_letter(s, i + 2) &&
		    punct(s, i + 3, '.') && adjacent(s, i + 3)) {
			add_person(s, i, i + 3, "name.inverted");
			i += 3;
			continue;
		}
		/* "pt in bay 4 (GARCIA) wants his pic posted": a known
		 * name in capitals alone in brackets, in a text not written
		 * in capitals, after a room's or record's number or a
		 * patient word */
		if ((f & (D_FIRST | D_SURNAME)) && s->t[i].shape == SH_UPPER &&
		    !s->upper_doc && tok_len(s, i) >= 3 && !(f & (D_ENGLISH |
		    D_NOTNAME | D_STATE | D_ORG | D_CLIN | D_EPONYM | D_MONTH |
		    D_DAY | D_TITLE)) && punct(s, i - 1, '(') &&
		    punct(s, i + 1, ')') && i > 1 && (has(s, i - 2, D_PERSON) ||
		    (i > 2 && s->t[i - 2].kind == TK_NUM &&
		    has(s, i - 3, D_LABEL)))) {
			add_person(s, i, i, "name.bracketed");
			continue;
		}
		/* "DJ, 7, rang the bell": the initials a child goes by,
		 * with the age set off after them */
		if (f == 0 && s->t[i].shape == SH_UPPER && tok_len(s, i) <= 3 &&
		    tok_len(s, i) >= 2 && age_set_off(s, i + 1)) {
			add_person(s, i, i, "name.first");
			continue;
		}
		/* "RJ came back to visit the nurses who cared for him": a
		 * boy's or girl's initials with a J (AJ, TJ, JT; acronyms
		 * such as RSV, UV or BP start sentences too), starting one,
		 * a verb after them and he or she in the twelve words on */
		if (f == 0 && s->t[i].shape == SH_UPPER && tok_len(s, i) == 2 &&
		    s->t[i].sent_start && (s->lt[s->t[i].start] == 'j' ||
		    s->lt[s->t[i].start + 1] == 'j') && i + 1 < s->n &&
		    s->t[i + 1].kind == TK_WORD &&
		    s->t[i + 1].shape == SH_LOWER &&
		    !has(s, i + 1, D_PRONOUN) &&
		    near(s, i, 0, 12, D_PRONOUN, 0)) {
			add_person(s, i, i, "name.first");
			continue;
		}
		/* our patient "Sarge", known as "Peanut": the name someone
		 * goes by, in quotes after a person */
		if (capital(s, i) && nickname_in_quotes(s, i)) {
			add_person(s, i, i, "name.nickname");
			continue;
		}
		/* "The Washington twins": a surname that is also a state,
		 * before the children of one birth */
		if ((f & D_STATE) && (f & D_SURNAME) &&
		    s->t[i].shape == SH_CAP && i > 0 &&
		    word_is(s, i - 1, "the") &&
		    (word_is(s, i + 1, "twins") ||
		    word_is(s, i + 1, "triplets"))) {
			add_tokens(s, i, i, PHI_NAME, PHI_BLOCK, "name.family");
			continue;
		}
		if (!name_shaped(s, i, 0) || (f & (D_MONTH | D_DAY | D_STATE)))
			continue;
		int eponym = (f & D_EPONYM) != 0;
		int first = (f & D_FIRST) != 0;
		int english = (f & D_ENGLISH) != 0;
		int prev_saint = i > 0 && (word_is(s, i - 1, "st") ||
		    word_is(s, i - 1, "saint") || (punct(s, i - 1, '.') &&
		    i > 1 && word_is(s, i - 2, "st")));
		/* (or one capitalised word, then one: "the McAllister
		 * Pediatric Pavilion", "the O'Neill Conference Center") */
		int next_org = (has(s, i + 1, D_ORG | D_SCHOOL | D_STREET |
		    D_REGION) && capital(s, i + 1)) || (capital(s, i + 1) &&
		    has(s, i + 1, D_ENGLISH) && !has(s, i + 1, D_FIRST |
		    D_PERSON | D_RELATIVE) && !word_is(s, i + 1, "our") &&
		    has(s, i + 2, D_ORG) && capital(s, i + 2));

		/* "Christmas Eve", "New Year's Eve": a day, not Eve */
		int holiday_eve = word_is(s, i, "eve") && i > 0 &&
		    (word_is(s, i - 1, "christmas") || word_is(s, i - 1,
		    "years") || (i > 2 && word_is(s, i - 1, "s") &&
		    punct(s, i - 2, '\'') && word_is(s, i - 3, "year")));

		/* "Lily Park's mom", "Anna Church's husband": a given name
		 * and a word that also names an organisation or a street,
		 * whose possessive has a relative, are a person's name */
		if (next_org && first && !eponym && possessive_after(s, i + 1) &&
		    has(s, i + 4, D_RELATIVE) && !has(s, i + 1, D_MONTH | D_DAY |
		    D_STATE | D_NOTNAME | D_RELATIVE | D_TITLE)) {
			add_person(s, i, i + 1, "name.possessive");
			i++;
			continue;
		}
		if (prev_saint || next_org || holiday_eve)
			continue;
		/* "with Radu Crosson": two capitalised words that are neither
		 * ordinary words nor anything else we know, inside a sentence */
		if (f == 0 && t->shape == SH_CAP && !t->sent_start &&
		    tok_len(s, i) >= 3 && i + 1 < s->n && !adjacent(s, i + 1) &&
		    s->t[i + 1].kind == TK_WORD && s->t[i + 1].shape == SH_CAP &&
		    tok_len(s, i + 1) >= 3 && (s->t[i + 1].flags == 0 ||
		    s->t[i + 1].flags == D_SURNAME) &&
		    has_vowel_after_first(s, i) && has_vowel_after_first(s, i + 1)) {
			add_tokens(s, i, i + 1, PHI_NAME, PHI_REVIEW, "name.unknown");
			i++;
			continue;
		}
		/* "The Hernandez triplets", "the Brooks family", "KEEP
		 * ROMERO FAMILY AWARE" */
		if ((f & D_SURNAME || !english) && i > 0 && (word_is(s, i - 1,
		    "the") || ((f & D_SURNAME) && !english &&
		    word_is(s, i + 1, "family") && has(s, i + 2, D_PERSON))) &&
		    (word_is(s, i + 1, "family") || word_is(s, i + 1,
		    "twins") || word_is(s, i + 1, "triplets") ||
		    word_is(s, i + 1, "household") || word_is(s, i + 1, "kids") ||
		    word_is(s, i + 1, "brothers") || word_is(s, i + 1, "sisters"))) {
			/* "The Weinberg Family Cancer Pavilion", "the Smith
			 * Family Foundation": a place or fund named for a
			 * family (a capitalised Family, then a name word) */
			int named_thing = s->t[i + 1].shape == SH_CAP &&
			    capital(s, i + 2) && !s->t[i + 2].sent_start;
			if (!named_for(s, i, i, 0) && !named_thing)
				add_tokens(s, i, i, PHI_NAME, PHI_BLOCK,
				    "name.family");
			continue;
		}
		if (first && surname_like(s, i + 1) && place_not_person(s, i)) {
			i++;
			continue;
		}
		/* "the Perry Hall family of Jim Novak": a known place of two
		 * words before "family" is where the family lives */
		if (first && i > 0 && word_is(s, i - 1, "the") &&
		    capital(s, i + 1) && word_is(s, i + 2, "family") &&
		    (dict_phrase_flags(s, i, i + 1) & D_PLACE)) {
			add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_BLOCK,
			    "address.resident");
			i++;
			continue;
		}
		/* Given name + surname: "Maria Gonzalez", "JOHN SMITH". */
		int middle_initial = i + 3 < s->n && s->t[i + 1].kind == TK_WORD &&
		    tok_len(s, i + 1) == 1 && s->t[i + 1].shape == SH_CAP &&
		    punct(s, i + 2, '.') && surname_like(s, i + 3);
		if (first && !eponym && middle_initial) {
			add_person(s, i, i + 3, "name.full");
			i += 3;
			continue;
		}
		/* ("Grace Okonjo": a common given name that is also a word,
		 * before a capitalised word no list knows) */
		if (first && !eponym && surname_like(s, i + 1) &&
		    !(has(s, i + 1, D_EPONYM) && possessive_after(s, i + 1)) &&
		    (!english ||
		    (s->t[i + 1].flags & D_SURNAME) || (t->weight >= 500 &&
		    s->t[i + 1].flags == 0 && s->t[i + 1].shape == SH_CAP &&
		    tok_len(s, i + 1) >= 3 && has_vowel_after_first(s, i + 1))) &&
		    !has(s, i + 2, D_ORG | D_SCHOOL | D_STREET)) {
			size_t e = name_extent(s, i);
			add_person(s, i, e, "name.full");
			i = e;
			continue;
		}
		/* Possessive: "Rachel's recovery" (not Hodgkin's, St. Mary's,
		 * nor acronyms: ABG's, PAC's); a given name that is also a
		 * word only before what is a person's (word_name_owns) */
		if ((f & (D_FIRST | D_SURNAME)) && !eponym &&
		    t->shape == SH_CAP && !((f & D_PLACE) && !(f & D_FIRST)) &&
		    possessive_after(s, i) && (!english ||
		    word_name_owns(s, i))) {
			add_tokens(s, i, i, PHI_NAME, PHI_BLOCK,
			    "name.possessive");
			continue;
		}
		/* An unknown capitalised word with a possessive before an
		 * ordinary word: "Chidi's rehab", "Beau's surgery". */
		if (!(f & (D_FIRST | D_SURNAME | D_ENGLISH | D_PLACE)) &&
		    !eponym && tok_len(s, i) >= 3 && t->shape == SH_CAP &&
		    has_vowel_after_first(s, i) &&
		    possessive_after(s, i) && i + 3 < s->n &&
		    s->t[i + 3].kind == TK_WORD && s->t[i + 3].shape == SH_LOWER &&
		    !word_is(s, i + 3, "disease") && !word_is(s, i + 3,
		    "syndrome") && !word_is(s, i + 3, "palsy") &&
		    !word_is(s, i + 3, "law")) {
			add_tokens(s, i, i, PHI_NAME, PHI_BLOCK,
			    "name.possessive");
			continue;
		}
		/* "Javi, the 16-year-old hit by a car", "Kenzo, 7, rang the
		 * bell": a word no list knows, with the person's age or
		 * what they are set off after it */
		if (f == 0 && t->shape == SH_CAP && tok_len(s, i) >= 3 &&
		    has_vowel_after_first(s, i) && (age_set_off(s, i + 1) ||
		    person_apposed(s, i + 1))) {
			add_person(s, i, i, "name.first");
			continue;
		}
		/* "it shows Hernandez in rm 5 and Blake in rm 6": a name,
		 * even one that is also a word, before the room it is in */
		if ((f & (D_FIRST | D_SURNAME)) && !eponym && capital(s, i) &&
		    word_is(s, i + 1, "in") && (word_is(s,
		    i + 2, "rm") || word_is(s, i + 2, "room") || word_is(s,
		    i + 2, "bed") || word_is(s, i + 2, "bay")) &&
		    i + 3 < s->n && s->t[i + 3].kind == TK_NUM) {
			add_person(s, i, i, "name.context");
			continue;
		}
		if (!first || eponym)
			continue;
		/* "I'm Frank, I'm 67", "my name is Hope": a person naming
		 * themself */
		if (capital(s, i) && !t->sent_start &&
		    ((i > 2 && word_is(s, i - 1, "m") &&
		    punct(s, i - 2, '\'') && word_is(s, i - 3, "i")) ||
		    (i > 2 && word_is(s, i - 1, "is") &&
		    word_is(s, i - 2, "name") && word_is(s, i - 3, "my")))) {
			add_person(s, i, name_extent(s, i), "name.first");
			continue;
		}
		/* "Little Aria got her cast off", "Big Mike": a given name,
		 * even a rare one that is also a word, after a capitalised
		 * "Little" or "Big" */
		if (i > 0 && s->t[i - 1].shape == SH_CAP &&
		    t->shape == SH_CAP && (word_is(s, i - 1, "little") ||
		    word_is(s, i - 1, "big") || word_is(s, i - 1, "lil")) &&
		    /* (not a brand: "Big Boy BariAir bed") */
		    !(english && capital(s, i + 1))) {
			add_person(s, i, i, "name.first");
			continue;
		}
		/* "Amir, 11, from Catonsville", "Frank (bed 22) says thanks",
		 * "Bill turned 95", "Hector, a stroke survivor": a given
		 * name, even one that is also a word, with the person's age
		 * set off by commas or stated after it, their bed in
		 * brackets, or what they are set off after it */
		if (capital(s, i) && tok_len(s, i) >= 3 &&
		    (age_set_off(s, i + 1) || bed_in_brackets(s, i + 1) ||
		    age_stated_after(s, i + 1) || person_apposed(s, i + 1) ||
		    /* "Hazel, born at 24 weeks in March 2025, went home" */
		    (punct(s, i + 1, ',') && has(s, i + 2, D_DATECTX) &&
		    s->t[i + 2].shape == SH_LOWER))) {
			add_person(s, i, i, "name.first");
			continue;
		}
		int ctx = near(s, i, 6, 6, D_PERSON | D_RELATIVE | D_AGECTX |
		    D_PRONOUN, 0) || get_well_before(s, i);
		/* A given name that is not also a common word, written with a
		 * capital (a place name only when not after "in", "from"). */
		int place_here = (f & D_PLACE) && i > 0 &&
		    has(s, i - 1, D_PLACEPREP);
		if (!english && !place_here && capital(s, i) &&
		    tok_len(s, i) >= 3 && (t->shape == SH_CAP ||
		    tok_len(s, i) >= 5)) {
			size_t e = name_extent(s, i);
			add_person(s, i, e, "name.first");
			i = e;
			continue;
		}
		/* Names that are words (Rose, Will, Hope) need a person near:
		 * inside a sentence, or at its start when he/she follows or
		 * an event of a person's life ("Grace was born 11/30"). */
		int verb_next = i + 1 < s->n && s->t[i + 1].kind == TK_WORD &&
		    s->t[i + 1].shape == SH_LOWER && !has(s, i + 1, D_PRONOUN);
		/* the subject of a sentence: its first word, or after a
		 * first "When", "After", "Once", "Since" ("When Chase woke
		 * up after 9 days in a coma, the first thing he asked...") */
		int subject = t->sent_start || (i > 0 &&
		    s->t[i - 1].sent_start && s->t[i - 1].shape == SH_CAP &&
		    (word_is(s, i - 1, "when") || word_is(s, i - 1, "after") ||
		    word_is(s, i - 1, "once") || word_is(s, i - 1, "since")));
		/* how far on he or she may come: furthest after "When";
		 * least for a name that is a common verb or word ("Will
		 * begin diuresis this afternoon" in a note) */
		size_t he_reach = !t->sent_start ? 14 :
		    common_verb_name(s, i) ? 8 : 12;
		/* (not a town after "in" or "near": "families who live in
		 * Laurel", which the address passes judge; "a card from
		 * Rose", "the photo of Ada", "in Lily's room" are people) */
		if (t->shape == SH_CAP && (!english || t->weight > 60) &&
		    ((ctx && !t->sent_start && !(place_here &&
		    (word_is(s, i - 1, "in") || word_is(s, i - 1, "near")) &&
		    !possessive_after(s, i))) || (subject && verb_next &&
		    (near(s, i, 0, he_reach, D_PRONOUN, 0) ||
		    life_event_after(s, i))))) {
			size_t e = name_extent(s, i);
			add_person(s, i, e, "name.context");
			i = e;
		}
	}
	/* Staff written as "Stord-Painter MD", "Q. LANDER RRT" or
	 * "N. GRANDONE": a clinician's name (review). */
	for (size_t i = cand_next(s, CP_UNKNOWN_NAME, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_UNKNOWN_NAME, i)) {
		struct phi_token *t = &s->t[i];
		if (t->named)
			continue;
		size_t a = i, e = i;
		if (punct(s, i + 1, '-') && adjacent(s, i + 1) && i + 2 < s->n &&
		    s->t[i + 2].kind == TK_WORD && adjacent(s, i + 2))
			e = i + 2;
		int initial = i >= 2 && punct(s, i - 1, '.') &&
		    adjacent(s, i - 1) && !adjacent(s, i) &&
		    memchr(s->text + s->t[i - 1].end, '\n',
		    s->t[i].start - s->t[i - 1].end) == NULL &&
		    s->t[i - 2].kind == TK_WORD && tok_len(s, i - 2) == 1 &&
		    s->t[i - 2].shape == SH_CAP && s->t[i - 2].space_before &&
		    !compass_before_street(s, i - 2);
		if (initial) {
			a = i - 2;
			/* "EARL N. RAND, RRT": the given name before */
			if (a > 0 && s->t[a - 1].kind == TK_WORD &&
			    has(s, a - 1, D_FIRST) && s->t[a - 1].weight >= 500 &&
			    !s->t[a - 1].named && s->t[a - 1].shape ==
			    s->t[i].shape && !has(s, a - 1, D_NOTNAME | D_MONTH |
			    D_DAY | D_STATE | D_CLIN | D_TITLE | D_PERSON |
			    D_RELATIVE | D_PRONOUN) && !common_verb_name(s, a - 1))
				a--;
		}
		size_t sx = e + 1 + (punct(s, e + 1, ',') ? 1 : 0);
		/* (not a state before its ZIP: "Baltimore, MD 21201",
		 * "Erie, PA 16501") */
		int suffix = sx < s->n && has(s, sx, D_CLIN) &&
		    s->t[sx].shape == SH_UPPER && !punct(s, sx + 1, '.') &&
		    tok_len(s, sx) <= 4 && (!s->t[i].sent_start || initial ||
		    (e == i + 2 && capital(s, i + 2))) &&
		    !(has(s, sx, D_STATE) && five_digits(s, sx + 1));
		/* "E. WELSH AWARE", "B. KARGAS PA" */
		int aware = has(s, e + 1, D_PERSON) && !has(s, e + 1, D_RELATIVE);
		if (tok_len(s, i) < 3 && !(suffix && initial))
			continue;
		if (!suffix && !(initial && ((t->flags & D_SURNAME) || aware)))
			continue;
		/* "Muriele William RN": a given name just before */
		if (suffix && !initial && a > 0 && (capital(s, a - 1) ||
		    (s->upper_doc && s->t[a - 1].shape == SH_UPPER)) &&
		    !s->t[a - 1].named && !has(s, a - 1, D_NOTNAME |
		    D_ORG | D_CLIN | D_TITLE | D_PERSON | D_RELATIVE) &&
		    (!has(s, a - 1, D_ENGLISH) || (has(s, a - 1, D_FIRST) &&
		    s->t[a - 1].weight >= 1000 && !common_verb_name(s, a - 1))) &&
		    !punct(s, a, ','))
			a--;
		add_tokens(s, a, e, PHI_NAME, PHI_REVIEW, "name.clinician");
		i = e;
	}
	/* Two shapes of a name that is also a word, on the same candidates */
	for (size_t i = cand_next(s, CP_NAME, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_NAME, i)) {
		if (s->t[i].named || s->t[i].shape != SH_CAP)
			continue;
		if (set_off_as_patient(s, i))
			add_person(s, i, i, "name.context");
		else if (family_plural(s, i))
			add_person(s, i >= 2 && punct(s, i - 1, '\'') &&
			    word_is(s, i - 2, "o") ? i - 2 : i, i,
			    "name.family");
		else if (paired_with_name(s, i))
			add_person(s, i, i, "name.context");
	}
	/* "Abdi from Columbia received the first TAVR", "Big Al from
	 * Essex has been coming...": the first word of a sentence (or the
	 * word after a capitalised "Big", "Little"), a name or a word no
	 * list knows, before "from" and a known town. Not "Nurses from
	 * Towson" (a word), "Volunteers from Essex". */
	for (size_t k = cand_next(s, CP_NAME, (size_t)-1); k + 3 < s->n;
	    k = cand_next(s, CP_NAME, k)) {
		size_t i = k + 1;
		if (s->t[i].key != literal_key("from", 4))
			continue;
		const struct phi_token *t = &s->t[k];
		uint32_t f = t->flags;
		/* (or of a quotation: 'to say "Big Mike from Curtis Bay is
		 * back!"') */
		int big = k > 0 && s->t[k - 1].shape == SH_CAP &&
		    (word_is(s, k - 1, "big") || word_is(s, k - 1, "little"));
		int at_start = t->sent_start || quote_opens(s, k) ||
		    (big && (s->t[k - 1].sent_start || quote_opens(s, k - 1)));
		if (t->named || t->kind != TK_WORD || t->shape != SH_CAP ||
		    !at_start || tok_len(s, k) < 2 ||
		    !((f & (D_FIRST | D_SURNAME)) || f == 0) ||
		    ((f & D_ENGLISH) && !((f & D_FIRST) && t->weight >= 500)) ||
		    /* "Al" is Alabama's code too, written "AL" */
		    ((f & D_STATE) && tok_len(s, k) > 2) ||
		    (f & (D_NOTNAME | D_ORG | D_MONTH | D_DAY | D_TITLE |
		    D_CLIN | D_PERSON | D_RELATIVE | D_PRONOUN | D_EPONYM)))
			continue;
		size_t p = i + 1;
		if (!capital(s, p) || has(s, p, D_STATE) ||
		    !(has(s, p, D_PLACE) || (capital(s, p + 1) &&
		    (dict_phrase_flags(s, p, p + 1) & D_PLACE))))
			continue;
		size_t a = k;
		if (big && (s->t[k - 1].sent_start || quote_opens(s, k - 1)))
			a = k - 1;
		add_person(s, a, k, "name.from_place");
	}
	/* Lowercase or all-caps names, only right next to person words. */
	for (size_t i = cand_next(s, CP_LOWER_NAME, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_LOWER_NAME, i)) {
		if (s->t[i].named)
			continue;
		/* "shoutout to maria in 4 west who just got discharged": a
		 * person word further on, after "who" */
		int who = 0;
		for (size_t k = i + 1; k < s->n && k <= i + 5 && !who; k++)
			who = word_is(s, k, "who") && near(s, k, 0, 4, D_PERSON,
			    0);
		if ((s->t[i].flags & D_ENGLISH) ? greeted_person(s, i) :
		    (who || greeted_person(s, i) || near(s, i, 3, 3, D_PERSON |
		    D_RELATIVE | D_AGECTX, 0))) {
			size_t e = i;
			if (i + 1 < s->n && s->t[i + 1].kind == TK_WORD &&
			    (s->t[i + 1].flags & D_SURNAME) &&
			    !(s->t[i + 1].flags & D_ENGLISH))
				e = i + 1;
			add_tokens(s, i, e, PHI_NAME, PHI_BLOCK, "name.lower");
			i = e;
		}
	}
	/* "Lopie Certusi cell# 410-322-1419": one or two words before a
	 * phone label that are not ordinary words */
	for (size_t i = cand_next(s, CP_PHONE_LABEL, 1); i + 1 < s->n; i = cand_next(s, CP_PHONE_LABEL, i)) {
		if (!(word_is(s, i, "cell") || word_is(s, i, "tel") ||
		    word_is(s, i, "ph") || word_is(s, i, "mobile")) ||
		    !(punct(s, i + 1, '#') || punct(s, i + 1, ':') ||
		    s->t[i + 1].kind == TK_NUM))
			continue;
		size_t a = i;
		while (a > 0 && a + 2 > i && s->t[a - 1].kind == TK_WORD &&
		    !s->t[a - 1].named && tok_len(s, a - 1) >= 3 &&
		    !has(s, a - 1, D_ENGLISH | D_NOTNAME | D_CLIN | D_TITLE |
		    D_MONTH | D_DAY | D_STATE | D_PRONOUN | D_PERSON |
		    D_RELATIVE | D_UNIT | D_ORG | D_PHONECTX) &&
		    !clinical_abbrev(s, a - 1))
			a--;
		if (a < i && (capital(s, a) || s->upper_doc || s->lower_doc))
			add_tokens(s, a, i - 1, PHI_NAME, PHI_BLOCK,
			    "name.phone");
	}
	/* "Hank Przybylo (son)", "DICK CUCCHIARA (RESIDENT)": a name
	 * followed by the person's role in brackets */
	for (size_t i = 2; i + 2 < s->n; i++) {
		if (!punct(s, i, '(') || !punct(s, i + 2, ')') ||
		    s->t[i + 1].kind != TK_WORD)
			continue;
		int relative = has(s, i + 1, D_RELATIVE) &&
		    !word_is(s, i + 1, "patient") && !word_is(s, i + 1, "pt");
		if (!relative && !has(s, i + 1, D_CLIN) &&
		    !staff_title(s, i + 1))
			continue;
		size_t a = i, named = 0;
		while (a > 0 && a + 2 > i && s->t[a - 1].kind == TK_WORD &&
		    !s->t[a - 1].named && tok_len(s, a - 1) >= 2 &&
		    !has(s, a - 1, D_NOTNAME | D_CLIN | D_TITLE | D_MONTH |
		    D_DAY | D_STATE | D_PRONOUN | D_PERSON | D_RELATIVE |
		    D_UNIT | D_ORG) && (!has(s, a - 1, D_ENGLISH) ||
		    (has(s, a - 1, D_FIRST) && s->t[a - 1].weight >= 100)) &&
		    !clinical_abbrev(s, a - 1) && !hospital_unit(s, a - 1)) {
			if (has(s, a - 1, D_FIRST | D_SURNAME) ||
			    s->t[a - 1].flags == 0)
				named++;
			a--;
		}
		if (named == 0 || a == i)
			continue;
		add_tokens(s, a, i - 1, PHI_NAME, relative ? PHI_BLOCK :
		    PHI_REVIEW, relative ? "name.relative" : "name.clinician");
	}
	for (size_t i = cand_next(s, CP_INITIAL_OR_PAIR, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_INITIAL_OR_PAIR, i)) {
		if (s->t[i].named)
			continue;
		size_t e = initial_and_surname(s, i);
		if (e != (size_t)-1) {
			add_tokens(s, i, e, PHI_NAME, PHI_REVIEW, "name.initial");
			i = e;
			continue;
		}
		e = initials_alone(s, i);
		if (e != (size_t)-1) {
			add_tokens(s, i, e, PHI_NAME, PHI_REVIEW, "name.initials");
			i = e;
			continue;
		}
		e = one_case_pair(s, i);
		if (e != (size_t)-1) {
			add_tokens(s, i, e, PHI_NAME, PHI_REVIEW, "name.pair");
			i = e;
		} else if (one_case_subject(s, i)) {
			add_tokens(s, i, i, PHI_NAME, PHI_REVIEW, "name.subject");
		} else if (per_name(s, i)) {
			add_tokens(s, i, i, PHI_NAME, PHI_REVIEW, "name.clinician");
		}
	}
	/* A lone capitalised surname inside a sentence, not a common word. */
	for (size_t i = cand_next(s, CP_LONE_SURNAME, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_LONE_SURNAME, i)) {
		if (s->t[i].named)
			continue;
		/* "Rhode Island": the first word of a state or a place;
		 * "the Weinberg Family Cancer Pavilion": a building named for
		 * a family */
		if (has(s, i + 1, D_ORG | D_SCHOOL | D_STREET | D_REGION) ||
		    (word_is(s, i + 1, "family") && s->t[i + 1].shape == SH_CAP &&
		    capital(s, i + 2)) ||
		    /* "the McAllister Pediatric Wing" */
		    (capital(s, i + 1) && has(s, i + 1, D_ENGLISH) &&
		    !has(s, i + 1, D_FIRST | D_SURNAME | D_PERSON |
		    D_RELATIVE) && !word_is(s, i + 1, "our") &&
		    has(s, i + 2, D_ORG) && capital(s, i + 2)) ||
		    (i > 0 && capital(s, i - 1) && !s->t[i - 1].sent_start) ||
		    (capital(s, i + 1) && (dict_phrase_flags(s, i, i + 1) &
		    (D_STATE | D_PLACE))))
			continue;
		add_tokens(s, i, i, PHI_NAME, near(s, i, 4, 4, D_PERSON |
		    D_RELATIVE, 0) ? PHI_BLOCK : PHI_REVIEW, "name.surname");
	}
}

/* ------------------------------------------------------ labelled values */

/* Skips filler between a label and its value ("#", ":", "number", "no.",
 * "is", "ID", "-"); returns the value's first token index. */
static size_t
skip_filler(const struct scan *s, size_t j)
{
	for (int k = 0; k < 4 && j < s->n; k++) {
		if (punct(s, j, '#') || punct(s, j, ':') || punct(s, j, '.') ||
		    punct(s, j, '-') || punct(s, j, '=') || punct(s, j, ',') ||
		    punct(s, j, '(') || word_is(s, j, "says") ||
		    word_is(s, j, "reads") || word_is(s, j, "number") ||
		    word_is(s, j, "no") || word_is(s, j, "num") ||
		    word_is(s, j, "nbr") || word_is(s, j, "id") ||
		    word_is(s, j, "is") || word_is(s, j, "was") ||
		    word_is(s, j, "of") || word_is(s, j, "ending") ||
		    word_is(s, j, "ends") || word_is(s, j, "in") ||
		    word_is(s, j, "code"))
			j++;
		else
			break;
	}
	return j;
}

/* The end token of an identifier value starting at j: numbers and mixed
 * tokens joined by '-' without spaces, needing min_len characters and a
 * digit. Returns (size_t)-1 when there is none. */
static int
id_part(const struct scan *s, size_t e)
{
	const struct phi_token *t = &s->t[e];
	return t->kind == TK_NUM || t->kind == TK_ALNUM || (t->kind == TK_WORD &&
	    (t->shape == SH_UPPER || (t->shape == SH_CAP && tok_len(s, e) == 1) ||
	    (tok_len(s, e) <= 3 && !(t->flags & D_ENGLISH))));
}

/* The end token of an identifier value starting at j: numbers, mixed
 * tokens and capital-letter groups joined by '-', '.', '/' (or, with
 * spaced, by single spaces: "ZGP 7740 1182"), needing min_len characters and
 * a digit. Returns (size_t)-1 when there is none. */
static size_t
id_value(const struct scan *s, size_t j, size_t min_len, int spaced)
{
	size_t e = j, total = 0;
	int digit = 0;
	if (j >= s->n || !id_part(s, j))
		return (size_t)-1;
	for (;;) {
		if (s->t[e].kind != TK_WORD)
			digit = 1;
		total += tok_len(s, e);
		if (e + 2 < s->n && (punct(s, e + 1, '-') || punct(s, e + 1, '/') ||
		    punct(s, e + 1, '.')) && adjacent(s, e + 1) &&
		    adjacent(s, e + 2) && id_part(s, e + 2)) {
			e += 2;
			continue;
		}
		if (spaced && e + 1 < s->n && !adjacent(s, e + 1) &&
		    id_part(s, e + 1) && (s->t[e + 1].kind != TK_WORD ||
		    s->t[e + 1].shape == SH_UPPER) && tok_len(s, e + 1) <= 6 &&
		    total < 34) {
			e++;
			continue;
		}
		if (spaced && !digit && e + 1 < s->n && !adjacent(s, e + 1) &&
		    s->t[e + 1].kind != TK_PUNCT && id_part(s, e + 1)) {
			e++;
			continue;
		}
		break;
	}
	return digit && total >= min_len ? e : (size_t)-1;
}

/* The number at token k ends there: nothing is written onto it but
 * punctuation that ends a phrase ("chair 6,", "ICU 7)"), so it is no
 * date, time, range or fraction ("chair 8/28", "ICU 24/7", "OR 2-3"). */
static int
number_ends(const struct scan *s, size_t k)
{
	return k + 1 >= s->n || !adjacent(s, k + 1) ||
	    (s->t[k + 1].kind == TK_PUNCT && s->t[k + 1].pch != '/' &&
	    s->t[k + 1].pch != '-' && s->t[k + 1].pch != ':' &&
	    s->t[k + 1].pch != '%' && !(s->t[k + 1].pch == '.' &&
	    k + 2 < s->n && adjacent(s, k + 2)));
}

/* A label's min_len when only a letter can follow it (room_letter):
 * "pod B"; "pod 1" in a note is the first day after surgery. */
#define LETTER_ONLY SIZE_MAX
/* A label's min_len when it is a room only where someone is: after "in",
 * "at", "from" or "to" and before a number of up to three digits ("in
 * chair 6" of a dialysis unit; not "sit in a chair 2 times a day", with
 * its article, nor a note's "OOB to chair x2"). */
#define AFTER_IN_AT (SIZE_MAX - 1)

struct label {
	const char *w1, *w2; /* one or two words ("driver's" and "s" are
			      * matched specially, as three tokens) */
	enum phi_category cat;
	size_t min_len;
	const char *rule;
};

/* Grouped by the first letter of the first word, in alphabetical order
 * (rule_labels finds a letter's group by bisection). Within a group they
 * are checked in order: two-word labels before their one-word prefixes
 * (labels with different first words never match the same token). */
static const struct label labels[] = {
	{ "account", NULL, PHI_ACCOUNT, 4, "account.label" },
	{ "acct", NULL, PHI_ACCOUNT, 4, "account.label" },
	{ "apt", NULL, PHI_ADDRESS, 1, "address.unit" },
	{ "apartment", NULL, PHI_ADDRESS, 1, "address.unit" },
	{ "beneficiary", NULL, PHI_HEALTHPLAN, 5, "healthplan.label" },
	{ "bank", "account", PHI_ACCOUNT, 4, "account.label" },
	{ "billing", NULL, PHI_ACCOUNT, 4, "account.label" },
	{ "beeper", NULL, PHI_PHONE, 4, "phone.pager" },
	{ "bed", NULL, PHI_ROOM, 1, "room.label" },
	{ "bay", NULL, PHI_ROOM, 1, "room.label" },
	{ "chart", NULL, PHI_MRN, 4, "mrn.label" },
	{ "certificate", NULL, PHI_LICENSE, 4, "license.label" },
	{ "cert", NULL, PHI_LICENSE, 4, "license.label" },
	{ "chip", "id", PHI_HEALTHPLAN, 6, "healthplan.label" },
	{ "cdl", NULL, PHI_LICENSE, 5, "license.label" },
	{ "crib", NULL, PHI_ROOM, 1, "room.label" },
	{ "cubicle", NULL, PHI_ROOM, 1, "room.label" },
	{ "chair", NULL, PHI_ROOM, AFTER_IN_AT, "room.label" }, /* dialysis */
	{ "driver's", NULL, PHI_LICENSE, 4, "license.label" },
	{ "drivers", NULL, PHI_LICENSE, 4, "license.label" },
	{ "driver", NULL, PHI_LICENSE, 4, "license.label" },
	{ "dl", NULL, PHI_LICENSE, 5, "license.label" },
	{ "dea", NULL, PHI_LICENSE, 6, "license.label" },
	{ "device", NULL, PHI_DEVICE, 4, "device.serial" },
	{ "group", "number", PHI_HEALTHPLAN, 4, "healthplan.label" },
	{ "hospital", "number", PHI_MRN, 4, "mrn.label" },
	{ "health", "plan", PHI_HEALTHPLAN, 5, "healthplan.label" },
	{ "insurance", NULL, PHI_HEALTHPLAN, 5, "healthplan.label" },
	{ "invoice", NULL, PHI_ACCOUNT, 4, "account.label" },
	{ "iban", NULL, PHI_ACCOUNT, 10, "account.label" },
	{ "isolette", NULL, PHI_ROOM, 1, "room.label" },
	{ "incubator", NULL, PHI_ROOM, 1, "room.label" },
	{ "interstate", NULL, PHI_ADDRESS, 1, "address.route" },
	{ "imei", NULL, PHI_DEVICE, 8, "device.serial" },
	{ "license", "plate", PHI_VEHICLE, 2, "vehicle.plate" },
	{ "licence", "plate", PHI_VEHICLE, 2, "vehicle.plate" },
	{ "license", NULL, PHI_LICENSE, 4, "license.label" },
	{ "licence", NULL, PHI_LICENSE, 4, "license.label" },
	{ "lic", NULL, PHI_LICENSE, 4, "license.label" },
	{ "medical", "record", PHI_MRN, 4, "mrn.label" },
	{ "mrn", NULL, PHI_MRN, 4, "mrn.label" },
	{ "mr", "#", PHI_MRN, 4, "mrn.label" },
	{ "member", NULL, PHI_HEALTHPLAN, 5, "healthplan.label" },
	{ "medicare", NULL, PHI_HEALTHPLAN, 6, "healthplan.label" },
	{ "medicaid", NULL, PHI_HEALTHPLAN, 6, "healthplan.label" },
	{ "mbi", NULL, PHI_HEALTHPLAN, 6, "healthplan.label" },
	{ "med", "rec", PHI_MRN, 4, "mrn.label" },
	{ "npi", NULL, PHI_LICENSE, 6, "license.label" },
	{ "nhs", "number", PHI_HEALTHPLAN, 6, "healthplan.label" },
	{ "plate", NULL, PHI_VEHICLE, 2, "vehicle.plate" },
	{ "plates", NULL, PHI_VEHICLE, 2, "vehicle.plate" },
	{ "patient", "id", PHI_MRN, 4, "mrn.label" },
	{ "patient", "number", PHI_MRN, 4, "mrn.label" },
	{ "policy", NULL, PHI_HEALTHPLAN, 5, "healthplan.label" },
	{ "prescription", "number", PHI_ACCOUNT, 5, "account.label" },
	{ "prescription", "#", PHI_ACCOUNT, 5, "account.label" },
	{ "plan", "id", PHI_HEALTHPLAN, 5, "healthplan.label" },
	{ "permit", NULL, PHI_LICENSE, 4, "license.label" },
	{ "pager", NULL, PHI_PHONE, 4, "phone.pager" },
	{ "pod", NULL, PHI_ROOM, LETTER_ONLY, "room.label" },
	{ "pg", NULL, PHI_PHONE, 5, "phone.pager" },
	{ "record", "number", PHI_MRN, 4, "mrn.label" },
	{ "routing", NULL, PHI_ACCOUNT, 6, "account.label" },
	{ "ref", "#", PHI_ACCOUNT, 5, "account.label" },
	{ "reference", "number", PHI_ACCOUNT, 5, "account.label" },
	{ "record", NULL, PHI_MRN, 6, "mrn.label" },
	{ "reg", NULL, PHI_VEHICLE, 4, "vehicle.plate" },
	{ "route", NULL, PHI_ADDRESS, 1, "address.route" },
	{ "rte", NULL, PHI_ADDRESS, 1, "address.route" },
	{ "room", NULL, PHI_ROOM, 1, "room.label" },
	{ "recliner", NULL, PHI_ROOM, AFTER_IN_AT, "room.label" },
	{ "rm", NULL, PHI_ROOM, 1, "room.label" },
	{ "subscriber", NULL, PHI_HEALTHPLAN, 5, "healthplan.label" },
	{ "social", NULL, PHI_SSN, 4, "ssn.label" },
	{ "serial", NULL, PHI_DEVICE, 4, "device.serial" },
	{ "s", "/", PHI_DEVICE, 4, "device.serial" },
	{ "sn", NULL, PHI_DEVICE, 4, "device.serial" },
	{ "suite", NULL, PHI_ADDRESS, 1, "address.unit" },
	{ "ssn", NULL, PHI_SSN, 4, "ssn.label" },
	{ "ss", "#", PHI_SSN, 4, "ssn.label" },
	{ "social", "security", PHI_SSN, 4, "ssn.label" },
	{ "tag", NULL, PHI_VEHICLE, 3, "vehicle.plate" },
	{ "tricare", NULL, PHI_HEALTHPLAN, 6, "healthplan.label" },
	{ "transmitter", NULL, PHI_DEVICE, 4, "device.serial" },
	{ "udi", NULL, PHI_DEVICE, 6, "device.serial" },
	{ "vin", NULL, PHI_VEHICLE, 6, "vehicle.vin" },
};

/* Matches label w1 [w2] at token i (the "driver's" form spans three
 * tokens); returns the index after the label or 0. */
static size_t
label_at(const struct scan *s, size_t i, const struct label *l)
{
	size_t j = i;
	/* Cheap first test: the first letter. */
	if (lower((unsigned char)s->text[s->t[i].start]) != l->w1[0])
		return 0;
	if (l->w1[0] == 'd' && strcmp(l->w1, "driver's") == 0) {
		if (!(word_is(s, i, "driver") && punct(s, i + 1, '\'') &&
		    word_is(s, i + 2, "s")))
			return 0;
		j = i + 3;
	} else if (l->w1[0] == 's' && l->w1[1] == '\0') {
		if (!(word_is(s, i, "s") && punct(s, i + 1, '/') &&
		    word_is(s, i + 2, "n") && adjacent(s, i + 1)))
			return 0;
		return i + 3;
	} else {
		if (!word_is_str(s, i, l->w1))
			return 0;
		j = i + 1;
	}
	if (l->w2 != NULL) {
		if (l->w2[0] == '#') {
			if (!punct(s, j, '#'))
				return 0;
		} else if (!word_is_str(s, j, l->w2)) {
			return 0;
		}
		j++;
	}
	/* Route 9 and Interstate 95 are written with capitals. */
	if (l->cat == PHI_ADDRESS && strncmp(l->rule, "address.route", 13) == 0 &&
	    !capital(s, i))
		return 0;
	return j;
}

/* Token j, after the room label at i ("pod B", "bed A"), is the room's
 * letter: right after the word on its line, standing alone, with a name,
 * he, she or a relative near (not "went to bed A little after 9", "edge
 * of bed x 15 minutes", nor a unit's layout: "pod A and pod B for
 * families"). */
static int
room_letter(const struct scan *s, size_t i, size_t j)
{
	if (j != i + 1 || !capital_letter(s, j) ||
	    s->t[j].start != s->t[i].end + 1 || s->text[s->t[i].end] != ' ' ||
	    s->text[s->t[j].start] == 'X')
		return 0;
	if (j + 1 < s->n && s->t[j + 1].kind != TK_PUNCT && capital(s, j + 1))
		return 0;
	/* "B.J.", "A-1" */
	if (j + 2 < s->n && s->t[j + 1].kind == TK_PUNCT &&
	    adjacent(s, j + 1) && (s->t[j + 1].pch == '.' ||
	    s->t[j + 1].pch == '-') && adjacent(s, j + 2))
		return 0;
	/* the article: "bed A little after 9" */
	if (s->text[s->t[j].start] == 'A' && j + 1 < s->n &&
	    s->t[j + 1].kind == TK_WORD && s->t[j + 1].shape == SH_LOWER)
		return 0;
	return near(s, i, 8, 8, D_PRONOUN | D_RELATIVE, 1);
}

static int anyone_named(struct scan *s);
static size_t person_cues(const struct scan *s);
static int person_cue(const struct scan *s, size_t k);

/* The text may name someone, so a town or street in it may be theirs:
 * anyone is named (anyone_named), or it is a note written in one case,
 * which is always about its patient. */
static inline int
names_someone(struct scan *s)
{
	return s->upper_doc || s->lower_doc || anyone_named(s);
}

static void
rule_labels(struct scan *s)
{
	size_t cues = (size_t)-1; /* person_cues, counted once */
	enum { NLABELS = sizeof(labels) / sizeof(labels[0]) };
	for (size_t i = 0; i < s->n; i++) {
		if (!has(s, i, D_LABEL))
			continue;
		/* the labels whose first word starts with this letter, in
		 * table order: the first of them by bisection */
		char c = s->lt[s->t[i].start];
		size_t lo = 0, hi = NLABELS;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (labels[mid].w1[0] < c)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t m = lo; m < NLABELS && labels[m].w1[0] == c; m++) {
			const struct label *l = &labels[m];
			size_t j = label_at(s, i, l);
			if (j == 0)
				continue;
			/* "license" before "#"/"number" or a value; skip the
			 * words of longer label phrases. */
			while (j < s->n && (word_is(s, j, "license") ||
			    word_is(s, j, "licence") || word_is(s, j, "record") ||
			    word_is(s, j, "security") || word_is(s, j, "plan") ||
			    word_is(s, j, "card") || word_is(s, j, "identifier") ||
			    word_is(s, j, "identification")))
				j++;
			int last4 = 0;
			if (l->cat == PHI_SSN) {
				/* "ending in 3051", "xxx-xx-2287", "***-**-4476",
				 * "last four of her social: 8823" */
				size_t q = j;
				while (q < s->n && q < j + 10 &&
				    s->t[q].kind != TK_NUM &&
				    (s->t[q].kind == TK_PUNCT || word_is(s, q, "x") ||
				    word_is(s, q, "xxx") || word_is(s, q, "xx") ||
				    word_is(s, q, "ending") || word_is(s, q, "ends") ||
				    word_is(s, q, "in") || word_is(s, q, "is") ||
				    word_is(s, q, "are") || word_is(s, q, "was") ||
				    word_is(s, q, "were") || word_is(s, q, "which") ||
				    word_is(s, q, "number") || word_is(s, q, "no") ||
				    word_is(s, q, "last") || word_is(s, q, "four") ||
				    word_is(s, q, "digits") || word_is(s, q, "of")))
					q++;
				if (q < s->n && s->t[q].kind == TK_NUM &&
				    (tok_len(s, q) == 4 || (tok_len(s, q) == 9 &&
				    l->w2 == NULL)) && (!adjacent(s, q) ||
				    punct(s, q - 1, '-'))) {
					add_tokens(s, i, q, PHI_SSN, PHI_BLOCK,
					    "ssn.last4");
					i = q;
					last4 = 1;
				}
			}
			if (last4)
				break;
			j = skip_filler(s, j);
			/* "reg YK19 TWN" but not "REG insulin" */
			if (l->w1[0] == 'r' && strcmp(l->w1, "reg") == 0 &&
			    (j >= s->n || s->t[j].kind != TK_ALNUM))
				continue;
			size_t min_len = l->min_len;
			if (min_len == AFTER_IN_AT) {
				if (i == 0 || !(word_is(s, i - 1, "in") ||
				    word_is(s, i - 1, "at") ||
				    word_is(s, i - 1, "from") ||
				    word_is(s, i - 1, "to")) || i + 1 >= s->n ||
				    s->t[i + 1].kind != TK_NUM ||
				    tok_len(s, i + 1) > 3 ||
				    !number_ends(s, i + 1))
					continue;
				min_len = 1;
			}
			int spaced = l->cat != PHI_ROOM && l->cat != PHI_ADDRESS;
			size_t e = id_value(s, j, min_len, spaced);
			/* Plates are often two parts: "ABC 1234". */
			if (e == (size_t)-1 && l->cat == PHI_VEHICLE && j < s->n &&
			    s->t[j].kind == TK_WORD && s->t[j].shape == SH_UPPER &&
			    tok_len(s, j) >= 5 && tok_len(s, j) <= 8)
				e = j; /* vanity plate "GRNDMA" */
			if (e == (size_t)-1 && l->cat == PHI_ROOM &&
			    room_letter(s, i, j))
				e = j;
			if (e == (size_t)-1)
				continue;
			/* "just off Route 40", "delays on Route 1": a road in a
			 * text that names no one is the way to us */
			if (l->cat == PHI_ADDRESS &&
			    strncmp(l->rule, "address.route", 13) == 0 &&
			    !names_someone(s))
				continue;
			/* A room number is short; a year is not a room. */
			if (l->cat == PHI_ROOM && tok_len(s, j) > 5)
				continue;
			/* a room of a building where something happens, with
			 * no one near ("Room 101 of our Wellness Center hosts
			 * yoga", "Conference Room 2"): for review; a bed, a
			 * crib or a patient's room is blocked */
			int hall = (word_is(s, i, "room") || word_is(s, i, "rm")) &&
			    (((word_is(s, e + 1, "of") || word_is(s, e + 1, "at") ||
			    word_is(s, e + 1, "in")) && (word_is(s, e + 2, "our") ||
			    word_is(s, e + 2, "the"))) || (i > 0 &&
			    (word_is(s, i - 1, "conference") ||
			    word_is(s, i - 1, "meeting") || word_is(s, i - 1, "class") ||
			    word_is(s, i - 1, "training") ||
			    word_is(s, i - 1, "community") ||
			    word_is(s, i - 1, "board") ||
			    word_is(s, i - 1, "education"))) ||
			    /* "in the Wellness Center, Room 110" */
			    (i > 1 && punct(s, i - 1, ',') &&
			    capital(s, i - 2) && has(s, i - 2, D_ORG)));
			/* where something happens, in a text with no person
			 * in it (a room is care, so names_someone would say
			 * yes): no one's */
			if (l->cat == PHI_ROOM && hall) {
				if (cues == (size_t)-1)
					cues = person_cues(s);
				if (cues == 0)
					continue;
			}
			/* "Trauma bay 2 was renovated", "exam room 4 has a
			 * new lift": a room of the hospital by its use, in a
			 * text that names no one */
			if (l->cat == PHI_ROOM && i > 0 && (word_is(s, i - 1,
			    "trauma") || word_is(s, i - 1, "exam") ||
			    word_is(s, i - 1, "procedure") || word_is(s, i - 1,
			    "triage") || word_is(s, i - 1, "infusion") ||
			    word_is(s, i - 1, "treatment") || word_is(s, i - 1,
			    "operating") || word_is(s, i - 1, "delivery") ||
			    word_is(s, i - 1, "resuscitation")) &&
			    !names_someone(s))
				continue;
			enum phi_severity sev = l->cat == PHI_ROOM && hall &&
			    !near(s, i, 8, 8 + (e - i), D_PRONOUN | D_RELATIVE |
			    D_PERSON, 1) ? PHI_REVIEW : PHI_BLOCK;
			add_tokens(s, i, e, l->cat, sev, l->rule);
			i = e;
			break;
		}
	}
}

/* ---------------------------------------------------- numeric patterns */

/* Digits from p; returns the count. */
static size_t
run_digits(const char *t, size_t n, size_t p)
{
	size_t k = p;
	while (k < n && is_digit((unsigned char)t[k]))
		k++;
	return k - p;
}

/* Ventilator settings and scores that look like dates: "PS 5/5",
 * "BIPAP 10/5", "PSV 12/10", "6/10 chest pain", "5/5 strength". */
static int
vent_or_score(const struct scan *s, size_t ti)
{
	const char *t = s->text + s->t[ti].start;
	size_t n = s->len - s->t[ti].start;
	size_t a = run_digits(t, n, 0);
	if (a + 1 < n && t[a] == '/') {
		size_t b = run_digits(t, n, a + 1);
		if ((b == a && memcmp(t, t + a + 1, a) == 0) ||
		    (b == 2 && t[a + 1] == '1' && t[a + 2] == '0'))
			return 1;
	}
	for (size_t k = ti > 5 ? ti - 5 : 0; k < ti; k++)
		if (word_is(s, k, "ps") || word_is(s, k, "ips") ||
		    word_is(s, k, "psv") || word_is(s, k, "cpap") ||
		    word_is(s, k, "peep") || word_is(s, k, "bipap") ||
		    word_is(s, k, "simv") || word_is(s, k, "vent") ||
		    word_is(s, k, "ac") || word_is(s, k, "prvc") ||
		    word_is(s, k, "imv") || word_is(s, k, "pap") ||
		    word_is(s, k, "ventilation") || word_is(s, k, "flowby") ||
		    word_is(s, k, "mode") || word_is(s, k, "pressure"))
			return 1;
	/* "10/5 peep", "5/30%" */
	size_t j = ti;
	while (j < s->n && s->t[j].start < s->t[ti].start + a + 1 +
	    run_digits(t, n, a + 1))
		j++;
	return word_is(s, j, "peep") || (punct(s, j, '%') && adjacent(s, j));
}

/* 1 when one of the three words before token i names a clinical event
 * that happens on a day ("s/p", "MI", "CABG", "extubated", "dialysis"). */
static int
clinical_event_before(const struct scan *s, size_t i)
{
	static const char *const events[] = { "mi", "ami", "nqwmi", "avr",
	    "mvr", "cabg", "ptca", "pci", "stent", "stented", "echo", "extubation",
	    "extubated", "extubate", "intubation", "intubated", "dialysis",
	    "hd", "admitted", "admission", "arrest", "placed", "dx", "diagnosed", "cath", "fx",
	    "surgery", "ct", "mri", "cxr", "transfused", "tx", "debulking",
	    "mastectomy", "mastectomies", "repair", "replacement", "bypass",
	    "ablation", "pacer", "icd", "pmr", "uti", "cva", "tia", "chf",
	    "thoracotomy", "lobectomy", "colectomy", "transplant", "ca",
	    "hx", NULL };
	size_t a = i > 3 ? i - 3 : 0;
	for (size_t k = i; k-- > a;) {
		if (s->t[k].kind == TK_PUNCT && s->t[k].pch != '/' &&
		    s->t[k].pch != '(')
			return 0;
		/* "s/p" */
		if (word_is(s, k, "p") && k >= 2 && punct(s, k - 1, '/') &&
		    word_is(s, k - 2, "s"))
			return 1;
		if (word_in(s, k, events))
			return 1;
	}
	return 0;
}


static int
boundary_after(const char *t, size_t n, size_t p)
{
	if (p >= n)
		return 1;
	unsigned char c = (unsigned char)t[p];
	if (is_alpha(c) || is_digit(c))
		return 0;
	/* "555-1234-99" or "1.2.3.4.5" continue the number. */
	if ((c == '-' || c == '.' || c == '/') && p + 1 < n &&
	    is_digit((unsigned char)t[p + 1]))
		return 0;
	return 1;
}

static int
boundary_before(const char *t, size_t p)
{
	if (p == 0)
		return 1;
	unsigned char c = (unsigned char)t[p - 1];
	if (is_alpha(c) || is_digit(c))
		return 0;
	if ((c == '-' || c == '.' || c == '/') && p >= 2 &&
	    is_digit((unsigned char)t[p - 2]))
		return 0;
	return 1;
}

/* North American phone number starting at p; returns its end or 0.
 * *strong is set when it has separators or parentheses (not ten bare
 * digits). */
static size_t
match_phone(const char *t, size_t n, size_t p, int *strong)
{
	size_t q = p;
	*strong = 0;
	if (q < n && t[q] == '+') {
		q++;
		if (q >= n || t[q] != '1')
			return 0;
		q++;
		if (q < n && (t[q] == ' ' || t[q] == '-' || t[q] == '.'))
			q++;
	} else if (q + 1 < n && t[q] == '1' && (t[q + 1] == '-' ||
	    t[q + 1] == ' ' || t[q + 1] == '.') && q + 2 < n &&
	    (is_digit((unsigned char)t[q + 2]) || t[q + 2] == '(')) {
		q += 2;
	}
	if (q < n && t[q] == '(') {
		if (run_digits(t, n, q + 1) != 3 || q + 4 >= n || t[q + 4] != ')')
			return 0;
		q += 5;
		if (q < n && (t[q] == ' ' || t[q] == '-'))
			q++;
		*strong = 1;
	} else {
		size_t d = run_digits(t, n, q);
		if (d == 10 && boundary_after(t, n, q + 10))
			return q + 10;
		if (d != 3)
			return 0;
		q += 3;
		if (q < n && (t[q] == '-' || t[q] == '.' || t[q] == ' '))
			q++;
		else
			return 0;
		*strong = 1;
	}
	if (run_digits(t, n, q) != 3)
		return 0;
	q += 3;
	char sep = q < n ? t[q] : 0;
	if (sep == '-' || sep == '.' || sep == ' ')
		q++;
	else
		return 0;
	if (run_digits(t, n, q) != 4)
		return 0;
	q += 4;
	if (!boundary_after(t, n, q))
		return 0;
	/* "x1234" / " ext. 12" extension */
	size_t r = q;
	if (r + 1 < n && t[r] == ' ')
		r++;
	if (r + 1 < n && (t[r] == 'x' || t[r] == 'X') &&
	    run_digits(t, n, r + 1) > 0)
		return r + 1 + run_digits(t, n, r + 1);
	if (r + 4 < n && strncmp(t + r, "ext", 3) == 0) {
		size_t u = r + 3;
		if (u < n && t[u] == '.')
			u++;
		if (u < n && t[u] == ' ')
			u++;
		if (run_digits(t, n, u) > 0)
			return u + run_digits(t, n, u);
	}
	return q;
}

static int
valid_md(long m, long d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Numeric date at p: m/d/y, m-d-y, y-m-d, m/d. Returns end or 0;
 * *has_year tells whether a year was part of it. */
/* "8/88", "12/93": a month and a two-digit year that cannot be a day;
 * returns the end, or 0. */
static size_t
month_year_end(const char *t, size_t n, size_t p)
{
	size_t a = run_digits(t, n, p);
	if (a == 0 || a > 2 || p + a + 3 > n || t[p + a] != '/' ||
	    run_digits(t, n, p + a + 1) != 2)
		return 0;
	long m = 0, y = (t[p + a + 1] - '0') * 10 + (t[p + a + 2] - '0');
	for (size_t k = 0; k < a; k++)
		m = m * 10 + (t[p + k] - '0');
	return m >= 1 && m <= 12 && y >= 32 ? p + a + 3 : 0;
}

static size_t
match_numeric_date(const char *t, size_t n, size_t p, int *has_year)
{
	size_t a = run_digits(t, n, p), q;
	long v1 = 0, v2 = 0, v3 = 0;
	*has_year = 0;
	if (a == 0 || a > 4 || p + a >= n)
		return 0;
	char sep = t[p + a];
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	for (size_t k = 0; k < a; k++)
		v1 = v1 * 10 + (t[p + k] - '0');
	q = p + a + 1;
	size_t b = run_digits(t, n, q);
	if (b == 0 || b > 2)
		return 0;
	for (size_t k = 0; k < b; k++)
		v2 = v2 * 10 + (t[q + k] - '0');
	q += b;
	if (a == 4) { /* 1988-03-02 */
		if (q >= n || t[q] != sep)
			return 0;
		size_t c = run_digits(t, n, q + 1);
		if (c == 0 || c > 2)
			return 0;
		for (size_t k = 0; k < c; k++)
			v3 = v3 * 10 + (t[q + 1 + k] - '0');
		if (v1 < 1800 || v1 > 2100 || !valid_md(v2, v3))
			return 0;
		*has_year = 1;
		return q + 1 + c;
	}
	/* 17/03/2024 is day/month/year: either order is a date. */
	if (a > 2 || !(valid_md(v1, v2) || valid_md(v2, v1)))
		return 0;
	if (q + 1 < n && t[q] == sep && is_digit((unsigned char)t[q + 1])) {
		size_t c = run_digits(t, n, q + 1);
		if (c != 2 && c != 4)
			return 0;
		*has_year = 1;
		return q + 1 + c;
	}
	if (!valid_md(v1, v2))
		return 0;
	/* m/d alone: only with '/' (7/22), never m-d or m.d (scores, versions). */
	return sep == '/' ? q : 0;
}

/* "on 8/10", "from 9/11", "born 9/9", "8/2 - 8/10", "8/9 or 8/10": words
 * and dates before token i that make a number with a slash a day. */
static int
date_prep_before(const struct scan *s, size_t i)
{
	if (i == 0)
		return 0;
	if (word_is(s, i - 1, "on") || word_is(s, i - 1, "from") ||
	    word_is(s, i - 1, "since") || word_is(s, i - 1, "until") ||
	    word_is(s, i - 1, "till") || word_is(s, i - 1, "thru") ||
	    word_is(s, i - 1, "through") || word_is(s, i - 1, "arrive") ||
	    word_is(s, i - 1, "arrives") || word_is(s, i - 1, "arriving") ||
	    word_is(s, i - 1, "born"))
		return 1;
	/* the end of a range or a choice whose start was a date */
	const struct phi_findings *o = s->out;
	return (punct(s, i - 1, '-') || word_is(s, i - 1, "or") ||
	    word_is(s, i - 1, "to")) && o->n > 0 &&
	    o->items[o->n - 1].category == PHI_DATE && i >= 2 &&
	    o->items[o->n - 1].end == s->t[i - 2].end;
}

/* "1/2 cup", "3/4 of adults": a fraction, not a date. */
static int
fraction_context(const struct scan *s, size_t ti, size_t end)
{
	/* 1/2, 2/3, 3/4, 1/8, 9/10: proper fractions with small
	 * denominators are read as fractions; 5/5 and "PSV 10/5" are scores
	 * and settings. */
	const char *t = s->text + s->t[ti].start;
	size_t len = end - s->t[ti].start;
	size_t after = ti; /* the token after the number */
	while (after < s->n && s->t[after].end <= end)
		after++;
	/* "went to Harbor on 3/6", "cultures from 9/11", a line that starts
	 * "9/7-INITIAL EVENTS": a day, unless a unit follows ("on 3/4 of");
	 * a line that starts "9/10 patients" is left to the tests below */
	int tenths = len >= 4 && t[len - 3] == '/' && t[len - 2] == '1' &&
	    t[len - 1] == '0';
	if (!has(s, after, D_UNIT) && !word_is(s, after, "of") &&
	    !word_is(s, after, "ns") && !punct(s, after, '%') &&
	    ((starts_line(s, ti) && after < s->n &&
	    ((s->t[after].kind == TK_WORD && s->t[after].space_before &&
	    !(tenths && s->t[after].shape == SH_LOWER)) ||
	    punct(s, after, '-'))) || date_prep_before(s, ti)))
		return 0;
	if ((len == 3 && t[0] == t[2]) || (len == 5 && t[0] == t[3] &&
	    t[1] == t[4]))
		return 1;
	/* ventilator settings: "PS 10/5", "CPAP 5/5", "IPS 10/5", "of 12/5" */
	for (size_t k = ti > 3 ? ti - 3 : 0; k < ti; k++)
		if (word_is(s, k, "ps") || word_is(s, k, "ips") ||
		    word_is(s, k, "psv") || word_is(s, k, "cpap") ||
		    word_is(s, k, "peep") || word_is(s, k, "bipap") ||
		    word_is(s, k, "simv") || word_is(s, k, "vent"))
			return 1;
	if (len == 3 && t[0] < t[2] && strchr("234568", t[2]) != NULL)
		return 1;
	/* "9/10 patients", "7/10 of adults": a proportion of people */
	if (len == 4 && t[2] == '1' && t[3] == '0' && t[0] != '1' &&
	    after < s->n && s->t[after].kind == TK_WORD &&
	    s->t[after].shape == SH_LOWER && (word_is(s, after, "of") ||
	    (tok_len(s, after) >= 4 && lower((unsigned char)s->text[
	    s->t[after].end - 1]) == 's')))
		return 1;
	if (has(s, after, D_UNIT))
		return 1;
	if (ti > 0 && (word_is(s, ti - 1, "about") || word_is(s, ti - 1, "nearly") ||
	    word_is(s, ti - 1, "almost") || word_is(s, ti - 1, "over") ||
	    word_is(s, ti - 1, "under") || word_is(s, ti - 1, "than") ||
	    word_is(s, ti - 1, "scored") || word_is(s, ti - 1, "rated")))
		return 1;
	return 0;
}

static int
phone_context(const struct scan *s, size_t i, int *fax)
{
	*fax = 0;
	if (!(s->any_flags & (D_FAXCTX | D_PHONECTX)))
		return 0;
	/* a fax word up to twelve tokens back ("Fax Dr. Singh's referral for
	 * Mr. Grant to …"), a phone word up to eight */
	size_t a = i > 12 ? i - 12 : 0;
	int found = 0;
	for (size_t k = a; k < i; k++) {
		if (has(s, k, D_FAXCTX)) {
			*fax = 1;
			found = 1;
		} else if (has(s, k, D_PHONECTX) && k + 8 >= i) {
			found = 1;
			/* "fax number is …" stays a fax; "fax …, call …" not. */
			if (!word_is(s, k, "number") && !word_is(s, k, "at") &&
			    !word_is(s, k, "reach") && !word_is(s, k, "contact"))
				*fax = 0;
		}
	}
	return found;
}

/* A state: "Maryland", or "MD" in capitals (never "in", "or", "me"). */
static int
is_state_token(const struct scan *s, size_t i)
{
	if (!has(s, i, D_STATE))
		return 0;
	if (tok_len(s, i) == 2)
		return s->t[i].shape == SH_UPPER;
	return s->t[i].shape == SH_UPPER || s->t[i].shape == SH_CAP;
}

/* Five digits at i read as a ZIP code: after a state ("MD 21204"), a ZIP
 * label, or with "zip" just after ("the 85004 zip code"). */
static int
zip_context(const struct scan *s, size_t i)
{
	if (i > 0 && (is_state_token(s, i - 1) || word_is(s, i - 1, "zip") ||
	    word_is(s, i - 1, "zipcode") || word_is(s, i - 1, "code")))
		return 1;
	if (i > 1 && punct(s, i - 1, ',') && is_state_token(s, i - 2))
		return 1;
	if (i > 1 && punct(s, i - 1, ':') && (word_is(s, i - 2, "zip") ||
	    word_is(s, i - 2, "code")))
		return 1;
	for (size_t k = i + 1; k < s->n && k <= i + 4; k++)
		if (word_is(s, k, "zip") || word_is(s, k, "zipcode"))
			return 1;
	return 0;
}

/* A number, or "(" or "+" right before one (a phone's area code or
 * country code). */
static int
starts_number(const struct scan *s, const struct phi_token *t)
{
	size_t i = (size_t)(t - s->t);
	const struct phi_token *nx = i + 1 < s->n ? t + 1 : t;
	return (t->kind == TK_NUM) | ((t->kind == TK_PUNCT) &
	    ((t->pch == '(') | (t->pch == '+')) & (i + 1 < s->n) &
	    (nx->kind == TK_NUM) & !nx->space_before);
}

/* The phone number in bytes [p, e) of t is a North American toll-free
 * one: its area code (after an optional 1 or +1) is 800, 833, 844, 855,
 * 866, 877 or 888. */
static int
toll_free(const char *t, size_t p, size_t e)
{
	char d[4];
	size_t nd = 0, k = p;
	if (k < e && t[k] == '+')
		k++;
	/* the first digits, skipping a leading 1 and separators */
	int first = 1;
	for (; k < e && nd < 3; k++) {
		if (!is_digit((unsigned char)t[k]))
			continue;
		if (first && t[k] == '1') {
			first = 0;
			continue;
		}
		first = 0;
		d[nd++] = t[k];
	}
	if (nd < 3 || d[0] != '8')
		return 0;
	return (d[1] == '0' && d[2] == '0') ||
	    (d[1] == d[2] && d[1] >= '3' && d[1] <= '8');
}

/* "sat with Mr. Yoon all night in ICU 7", "rushed to OR 3": a care
 * unit in capitals and a bed's or room's number of one or two digits,
 * after "in" or "to", where someone is named ("our ICU 24/7" is not,
 * nor "in ICU 2 days"). */
static int
unit_bed(struct scan *s, size_t i)
{
	if (i < 2 || s->t[i].kind != TK_NUM || tok_len(s, i) > 2 ||
	    !s->t[i].space_before || s->t[i - 1].kind != TK_WORD ||
	    s->t[i - 1].shape != SH_UPPER ||
	    !(word_is(s, i - 2, "in") || word_is(s, i - 2, "to")))
		return 0;
	size_t len = tok_len(s, i - 1);
	const char *w = s->lt + s->t[i - 1].start;
	int cu = len >= 3 && len <= 5 && w[len - 2] == 'c' &&
	    w[len - 1] == 'u'; /* ICU, NICU, CVICU */
	if (!(cu || word_is(s, i - 1, "er") || word_is(s, i - 1, "ed") ||
	    word_is(s, i - 1, "or")))
		return 0;
	if (!number_ends(s, i) || (i + 1 < s->n && s->t[i + 1].kind ==
	    TK_WORD && s->t[i + 1].shape == SH_LOWER && !has(s, i + 1,
	    D_PRONOUN) && !word_is(s, i + 1, "when") && !word_is(s, i + 1,
	    "after") && !word_is(s, i + 1, "with") && !word_is(s, i + 1,
	    "and") && !word_is(s, i + 1, "for") && !word_is(s, i + 1,
	    "since") && !word_is(s, i + 1, "until")))
		return 0;
	return names_someone(s);
}

static void
rule_numbers(struct scan *s)
{
	const char *t = s->text;
	size_t n = s->len;

	for (size_t i = cand_next(s, CP_NUMBER, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_NUMBER, i)) {
		struct phi_token *tk = &s->t[i];
		size_t p = tk->start;
		if (!boundary_before(t, p) && tk->kind == TK_NUM)
			continue;
		size_t d = run_digits(t, n, p);

		if (unit_bed(s, i)) {
			add_tokens(s, i - 1, i, PHI_ROOM, PHI_BLOCK,
			    "room.unit_bed");
			continue;
		}
		/* SSN 123-45-6789 (and with spaces when labelled). */
		int ssn_words = 0;
		/* the words are looked for only around "123 45 6789" */
		if (d == 3 && p + 11 <= n && t[p + 3] == ' ')
			for (size_t k = i > 6 ? i - 6 : 0; k < s->n && k <= i + 6;
			    k++)
				if (word_is(s, k, "social") || word_is(s, k, "ssn") ||
				    word_is(s, k, "security"))
					ssn_words = 1;
		if (d == 3 && p + 11 <= n && (t[p + 3] == '-' ||
		    (t[p + 3] == ' ' && ssn_words)) && run_digits(t, n, p + 4) == 2 &&
		    t[p + 6] == t[p + 3] && run_digits(t, n, p + 7) == 4 &&
		    boundary_after(t, n, p + 11)) {
			add(s, p, p + 11, PHI_SSN, PHI_BLOCK, "ssn.full");
			goto next;
		}
		int strong;
		size_t e = match_phone(t, n, p, &strong);
		if (e == 0 && tk->kind == TK_PUNCT && tk->pch == '+') {
			/* +44 20 7946 0321: country code and groups */
			size_t q = p + 1, digits = 0, groups = 0;
			while (q < n && is_digit((unsigned char)t[q])) {
				size_t g = run_digits(t, n, q);
				digits += g;
				groups++;
				q += g;
				if (q + 1 < n && (t[q] == ' ' || t[q] == '-') &&
				    is_digit((unsigned char)t[q + 1]))
					q++;
				else
					break;
			}
			if (digits >= 8 && digits <= 15 && groups >= 2 &&
			    boundary_after(t, n, q)) {
				e = q;
				strong = 1;
			}
		}
		/* a phone word before: only phones and 3- or 6-digit groups
		 * ask (cheap test first) */
		int fax = 0, ctx = 0;
		if (e > 0 || d == 3 || d == 6)
			ctx = phone_context(s, i, &fax);
		if (e > 0 && (strong || ctx)) {
			/* a toll-free number is an organisation's line, for
			 * review; with a person near it is theirs (an e-fax:
			 * "Rebecca's e-fax number is 1-888-...") */
			size_t te = i;
			while (te + 1 < s->n && s->t[te + 1].start < e)
				te++;
			int free = toll_free(t, p, e) && !near(s, i, 8, 0,
			    D_PRONOUN | D_RELATIVE, 1) && !near(s, te, 0, 8,
			    D_PRONOUN | D_RELATIVE, 1);
			add(s, p, e, fax ? PHI_FAX : PHI_PHONE, free ?
			    PHI_REVIEW : PHI_BLOCK, free ? (fax ? "fax.tollfree" :
			    "phone.tollfree") : fax ? "fax.number" :
			    "phone.number");
			goto next;
		}
		/* "reached at 202 2671093", "212- 476- 8356", "(Irene
		 * Sherwood, 202232-4455)", "201/324/1423": ten digits in
		 * groups written loosely, where a phone is talked about or
		 * right after a person's name */
		if (e == 0 && tk->kind == TK_NUM && (d == 3 || d == 6) &&
		    boundary_before(t, p) && (ctx || near(s, i, 5, 0, 0, 1) ||
		    near(s, i, 4, 0, D_RELATIVE, 0))) {
			size_t q = p, digits = 0, groups = 0, shape = 0;
			while (groups < 4) {
				size_t g = run_digits(t, n, q);
				if (g == 0)
					break;
				digits += g;
				groups++;
				shape = shape * 10 + (g > 9 ? 9 : g);
				q += g;
				size_t r = q, seps = 0;
				while (r < n && seps < 2 && (t[r] == ' ' ||
				    t[r] == '-' || t[r] == '/' || t[r] == '.'))
					r++, seps++;
				if (seps > 0 && r < n && digits < 10 &&
				    is_digit((unsigned char)t[r]))
					q = r;
				else
					break;
			}
			/* 3+7, 3+3+4 or 6+4 digits: not "BP 113-182/60-80" */
			if (digits == 10 && (shape == 37 || shape == 334 ||
			    shape == 64) && boundary_after(t, n, q)) {
				add(s, p, q, fax ? PHI_FAX : PHI_PHONE, PHI_BLOCK,
				    "phone.loose");
				goto next;
			}
		}
		if (tk->kind != TK_NUM)
			continue;
		/* 555-1234 with a phone word before it. */
		if (d == 3 && ctx && p + 8 <= n && t[p + 3] == '-' &&
		    run_digits(t, n, p + 4) == 4 && boundary_after(t, n, p + 8)) {
			add(s, p, p + 8, fax ? PHI_FAX : PHI_PHONE, PHI_BLOCK,
			    fax ? "fax.local" : "phone.local");
			goto next;
		}
		/* IPv4 */
		if (d >= 1 && d <= 3) {
			size_t q = p;
			int parts = 0;
			while (parts < 4) {
				size_t dd = run_digits(t, n, q);
				long v = 0;
				if (dd == 0 || dd > 3)
					break;
				for (size_t k = 0; k < dd; k++)
					v = v * 10 + (t[q + k] - '0');
				if (v > 255)
					break;
				q += dd;
				parts++;
				if (parts < 4) {
					if (q >= n || t[q] != '.')
						break;
					q++;
				}
			}
			if (parts == 4 && boundary_after(t, n, q)) {
				add(s, p, q, PHI_IP, PHI_BLOCK, "ip.v4");
				goto next;
			}
		}
		/* ZIP+4 anywhere, five digits after a state or a ZIP label. */
		if (d == 5 && p + 10 <= n && t[p + 5] == '-' &&
		    run_digits(t, n, p + 6) == 4 && boundary_after(t, n, p + 10)) {
			add(s, p, p + 10, PHI_ZIP, PHI_BLOCK, "zip.plus4");
			goto next;
		}
		if (d == 5 && boundary_after(t, n, p + 5) && zip_context(s, i)) {
			add(s, p, p + 5, PHI_ZIP, PHI_BLOCK, "zip.code");
			goto next;
		}
		/* Dates written with numbers. */
		int has_year;
		e = match_numeric_date(t, n, p, &has_year);
		/* "BC FROM 3-5 GREW STAPH": in a note written in one case, m-d
		 * after "from" or "on" is a day (in posts "from 9-5" is
		 * opening hours) */
		if (e == 0 && d <= 2 && p + d + 1 < n && t[p + d] == '-' &&
		    (s->upper_doc || s->lower_doc) && date_prep_before(s, i) &&
		    !word_is(s, i - 1, "until")) {
			size_t d2 = run_digits(t, n, p + d + 1);
			long m = num_value(s, i), dd = 0;
			for (size_t q = 0; q < d2 && d2 <= 2; q++)
				dd = dd * 10 + (t[p + d + 1 + q] - '0');
			size_t q = p + d + 1 + d2;
			if (d2 >= 1 && d2 <= 2 && valid_md(m, dd) &&
			    boundary_after(t, n, q)) {
				size_t after = i + 1;
				while (after < s->n && s->t[after].start < q)
					after++;
				/* not "on 1-2 pillows", "3-5 days" */
				int plural = after < s->n &&
				    s->t[after].kind == TK_WORD &&
				    tok_len(s, after) >= 4 && s->lt[s->t[after].end -
				    1] == 's';
				if (!has(s, after, D_UNIT) && !word_is(s, after, "am") &&
				    !word_is(s, after, "pm") && !has(s, after,
				    D_AGEUNIT) && !plural) {
					add(s, p, q, PHI_DATE, PHI_REVIEW,
					    "date.month_day");
					goto next;
				}
			}
		}
		/* "from 10/15-10/16", "intubated 6/30-7/2": a range of days */
		if (e > 0 && e + 1 < n && t[e] == '-') {
			int second_year;
			size_t e2 = match_numeric_date(t, n, e + 1, &second_year);
			if (e2 > 0 && boundary_after(t, n, e2))
				e = e2;
		}
		/* "s/p CABG 1/78", "MI 3/6", "extubated 9/11", "dialysis
		 * 8/23": a short date right after a clinical event is the
		 * date of that event, whatever a fraction would look like */
		if (d <= 2 && i > 0 && p + d < n && (t[p + d] == '/' ||
		    t[p + d] == '-') && clinical_event_before(s, i) &&
		    !(i > 0 && punct(s, i - 1, '/')) &&
		    (!vent_or_score(s, i) || word_is(s, i - 1, "placed") ||
		    word_is(s, i - 1, "extubated") || word_is(s, i - 1,
		    "intubated") || word_is(s, i - 1, "extubate"))) {
			size_t me = e > 0 ? e : month_year_end(t, n, p);
			if (me > 0 && boundary_after(t, n, me)) {
				add(s, p, me, PHI_DATE, PHI_BLOCK, "date.clinical");
				goto next;
			}
		}
		/* "reoccluded in 12/83", "ovarian CA (12/93)": a month and a
		 * two-digit year that cannot be a day */
		size_t me = d <= 2 && e == 0 ? month_year_end(t, n, p) : 0;
		if (me > 0 && !(i > 0 && punct(s, i - 1, '/')) &&
		    !vent_or_score(s, i)) {
			size_t after = i + 1;
			while (after < s->n && s->t[after].start < me)
				after++;
			if (me > 0 && boundary_after(t, n, me) &&
			    !has(s, after, D_UNIT) && !punct(s, after, '%')) {
				add(s, p, me, PHI_DATE, PHI_REVIEW,
				    "date.month_year");
				goto next;
			}
		}
		/* 9/11 is the day of the attacks, unless it heads a line or
		 * follows "on" or "from" in a note */
		int nine_eleven = e - p == 4 && strncmp(t + p, "9/11", 4) == 0 &&
		    !date_prep_before(s, i) && !starts_line(s, i);
		if (e > 0 && boundary_after(t, n, e) && !nine_eleven &&
		    !(i > 0 && punct(s, i - 1, '/')) &&
		    !(!has_year && fraction_context(s, i, e))) {
			int c = near(s, i, 8, 8, D_DATECTX, 1);
			/* "Our next CPR class is 10/18": a public date;
			 * "pain 8/10", "mask ventilation 10/5": scores and
			 * settings */
			if (c || has_year || (!near(s, i, 6, 6, D_EVENT, 0) &&
			    (!vent_or_score(s, i) || date_prep_before(s, i) ||
			    (starts_line(s, i) && !fraction_context(s, i, e))))) {
				add(s, p, e, PHI_DATE, c ? PHI_BLOCK : PHI_REVIEW,
				    has_year ? "date.numeric" : "date.month_day");
				goto next;
			}
		}
		/* "PMHX CVA in 94 and 00": a two-digit year after an event
		 * and "in", or after "and" following such a year */
		if (d == 2 && tk->kind == TK_NUM && i > 1 &&
		    ((word_is(s, i - 1, "in") && clinical_event_before(s, i - 1)) ||
		    (word_is(s, i - 1, "and") && s->out->n > 0 &&
		    s->out->items[s->out->n - 1].category == PHI_DATE &&
		    s->out->items[s->out->n - 1].end == s->t[i - 2].end &&
		    tok_len(s, i - 2) == 2)) &&
		    boundary_after(t, n, p + 2) && !punct(s, i + 1, '%') &&
		    !has(s, i + 1, D_UNIT) && !has(s, i + 1, D_AGEUNIT) &&
		    (t[p] >= '5' || t[p] == '0')) {
			add_tokens(s, i, i, PHI_DATE, PHI_REVIEW, "date.short_year");
			goto next;
		}
		/* "MI 92", "CABG 81": a two-digit year after a history word */
		if (d == 2 && tk->kind == TK_NUM && i > 0 &&
		    s->t[i - 1].kind == TK_WORD && s->t[i - 1].shape == SH_UPPER &&
		    has(s, i - 1, D_DATECTX) && boundary_after(t, n, p + 2) &&
		    !punct(s, i + 1, '%')) {
			add_tokens(s, i, i, PHI_DATE, PHI_REVIEW, "date.short_year");
			goto next;
		}
		/* A year tied to a person: "born in 1929", "(1931–2024)";
		 * not a decade ("in the 1940s", "the 1980's") */
		if (d == 4 && tk->kind == TK_NUM && !(word_is(s, i + 1, "s") &&
		    adjacent(s, i + 1)) && !possessive_after(s, i)) {
			long y = num_value(s, i);
			int range = i > 1 && punct(s, i - 1, '(') &&
			    punct(s, i + 1, '-') && num_value(s, i + 2) >= 1800 &&
			    punct(s, i + 3, ')') && s->t[i - 2].named;
			if (y >= 1880 && y <= 2100 && (range || near(s, i, 3, 2,
			    D_DATECTX, 0))) {
				add_tokens(s, i, range ? i + 2 : i, PHI_DATE,
				    PHI_BLOCK, "date.year");
				goto next;
			}
			/* "he's had chest pain since 2006", "IN 1993 PT S/P",
			 * "renal cell CA 1977": a year in a sentence about a
			 * person, or after an event of their history (review:
			 * a year alone is not a Safe Harbor date, but one tied
			 * to a person's history narrows who they are) */
			if (y >= 1900 && y <= 2100 && !punct(s, i + 1, '%') &&
			    !has(s, i + 1, D_UNIT) && !punct(s, i + 1, '-') &&
			    !(i > 0 && punct(s, i - 1, '-')) &&
			    (near_in_sentence(s, i, 8, 6, D_PRONOUN |
			    D_RELATIVE) ||
			    oriented_before(s, i) ||
			    clinical_event_before(s, i) || ((s->upper_doc ||
			    s->lower_doc) && i > 0 && (word_is(s, i - 1, "in") ||
			    word_is(s, i - 1, "since") || word_is(s, i - 1,
			    "of"))))) {
				add_tokens(s, i, i, PHI_DATE, PHI_REVIEW,
				    "date.year_person");
				goto next;
			}
		}
		continue;
next:
		/* Skip the tokens the finding just made covers. */
		while (s->out->n > 0 && i + 1 < s->n && s->t[i + 1].start <
		    s->out->items[s->out->n - 1].end)
			i++;
	}
}

/* -------------------------------------------------------------- dates */

/* '92 and 99' (a year written short) next to history words: "MI '92". */
static void
rule_short_years(struct scan *s)
{
	for (size_t i = 0; i + 1 < s->n; i++) {
		size_t y;
		if (punct(s, i, '\'') && s->t[i + 1].kind == TK_NUM &&
		    tok_len(s, i + 1) == 2 && adjacent(s, i + 1) &&
		    (!adjacent(s, i) || clinical_event_before(s, i)))
			y = i + 1;
		else if (s->t[i].kind == TK_NUM && tok_len(s, i) == 2 &&
		    punct(s, i + 1, '\'') && adjacent(s, i + 1) &&
		    (i + 2 >= s->n || !adjacent(s, i + 2) ||
		    punct(s, i + 2, '.') || punct(s, i + 2, ',')))
			y = i;
		else
			continue;
		/* '92 is a year wherever it stands; next to a history word or
		 * a person it is that person's */
		add_tokens(s, i, i + 1, PHI_DATE, near(s, y, 4, 1, D_DATECTX, 1) ?
		    PHI_BLOCK : PHI_REVIEW, "date.short_year");
		i++;
	}
}

static int
ordinal_suffix(const struct scan *s, size_t i)
{
	return i < s->n && adjacent(s, i) && (word_is(s, i, "st") ||
	    word_is(s, i, "nd") || word_is(s, i, "rd") || word_is(s, i, "th"));
}

/* A day-of-month number at i (with its ordinal suffix); returns the last
 * token or (size_t)-1. */
static size_t
day_number(const struct scan *s, size_t i)
{
	long v = num_value(s, i);
	if (v < 1 || v > 31 || tok_len(s, i) > 2)
		return (size_t)-1;
	return ordinal_suffix(s, i + 1) ? i + 1 : i;
}

/* A year (1800–2100, or '92 style) at i; returns its last token or -1. */
static size_t
year_number(const struct scan *s, size_t i)
{
	long v = num_value(s, i);
	if (v >= 1800 && v <= 2100 && tok_len(s, i) == 4)
		return i;
	if (punct(s, i, '\'') && i + 1 < s->n && tok_len(s, i + 1) == 2 &&
	    num_value(s, i + 1) >= 0 && adjacent(s, i + 1))
		return i + 1;
	return (size_t)-1;
}

/* A month name usable in a date: capitalised, or lowercase when it cannot
 * be an ordinary word (not may, march, sun, …). */
static int
month_word(const struct scan *s, size_t i)
{
	if (!has(s, i, D_MONTH))
		return 0;
	if (capital(s, i) || s->t[i].shape == SH_UPPER)
		return 1;
	return !(s->t[i].flags & D_ENGLISH);
}

/* "stated it was July 29th", "thinks it is March": a date a person
 * gives when asked where and when they are. */
static int
oriented_before(const struct scan *s, size_t a)
{
	static const char *const w[] = { "stated", "states", "thinks",
	    "thought", "believes", "believed", "oriented", "reoriented",
	    "knows", "know", "its", NULL };
	for (size_t k = a > 5 ? a - 5 : 0; k < a; k++)
		if (word_in(s, k, w))
			return 1;
	return 0;
}

/* A name not of the staff was found anywhere in the text. */
static int
patient_named(const struct scan *s)
{
	for (size_t k = 0; k < s->n; k++)
		if (s->t[k].named && s->t[k].named != NAMED_STAFF)
			return 1;
	return 0;
}

/* He, she, a relative or a name not of the staff is in the w tokens
 * before token a ("Dr. Patel joins our team in March" is no one's). */
static int
not_staff_before(const struct scan *s, size_t a, size_t w)
{
	for (size_t k = a > w ? a - w : 0; k < a; k++)
		if ((s->t[k].kind == TK_WORD && (s->t[k].flags & (D_PRONOUN |
		    D_RELATIVE)) && !idiom_not_cue(s, k)) ||
		    (s->t[k].named && s->t[k].named != NAMED_STAFF))
			return 1;
	return 0;
}

/* The first words of holidays whose other words are common ("Mother's
 * Day", "Veterans Day"): candidates of the date pass when capitalised
 * and their bit is in the set (holiday_end tells them apart). */
#define HOLIDAY_FIRST_WORDS(X) X("mother") X("father") X("veterans") \
    X("memorial") X("labor") X("leap") X("fourth") X("independence")

/* A date starts on a number, or on the name of a day, a month, a season
 * or a holiday. */
static int
starts_date(const struct scan *s, const struct phi_token *t)
{
	(void)s;
	return (t->kind == TK_NUM) | ((t->kind == TK_WORD) &
	    (((t->flags & (D_DAY | D_MONTH | D_SEASON)) != 0) |
	    (t->key == literal_key("new", 3)) | ((t->shape == SH_CAP) &
	    ((WORD_SET(HOLIDAY_FIRST_WORDS) & BLOOM_BIT(t->key)) != 0))));
}

/* What a statistic counts: people, births, visits. */
#define COUNTED_WORDS(X) X("babies") X("births") X("deliveries") \
    X("patients") X("newborns") X("people") X("families") X("residents") \
    X("visits") X("kids") X("children") X("adults") X("seniors")

/* A count of COUNTED_WORDS is in the w tokens before token a: "14
 * babies", "2,400 patients", "300 families" (a statistic, no one
 * person's). */
static int
people_counted_before(const struct scan *s, size_t a, size_t w)
{
	static const char *const words[] = WORD_LIST(COUNTED_WORDS);
	for (size_t k = a > w ? a - w : 0; k + 1 < a; k++)
		if (s->t[k].kind == TK_NUM && num_value(s, k) >= 2 &&
		    word_in_set(s, k + 1, WORD_SET(COUNTED_WORDS), words))
			return 1;
	return 0;
}

/* "delivered 14 babies on New Year's Day": a count of births or
 * patients in the twelve tokens before the holiday at token a, and no he,
 * she or relative near it, is a statistic, no one's date. */
static int
births_counted_before(const struct scan *s, size_t a)
{
	return !near(s, a, 12, 8, D_PRONOUN | D_RELATIVE, 1) &&
	    people_counted_before(s, a, 12);
}

/* The last token of a holiday named at i, capitalised ("Christmas",
 * "Christmas Eve", "Thanksgiving Day", "Easter Sunday", "Halloween",
 * "Valentine's Day", "New Year's Eve", "Mother's Day", "Veterans Day"),
 * or (size_t)-1. A holiday is one day of the year, like "Dec. 24" (the
 * first words of the older holidays are SEASON words in the lexicon,
 * "new" and HOLIDAY_FIRST_WORDS capitalised are candidates of their own,
 * so the date pass visits them). */
static size_t
holiday_end(const struct scan *s, size_t i)
{
	if (!capital(s, i))
		return (size_t)-1;
	int day_next = capital(s, i + 1) && (word_is(s, i + 1, "day") ||
	    word_is(s, i + 1, "eve"));
	if (word_is(s, i, "christmas"))
		return day_next ? i + 1 : i;
	if (word_is(s, i, "thanksgiving"))
		return day_next && word_is(s, i + 1, "day") ? i + 1 : i;
	if (word_is(s, i, "easter"))
		return capital(s, i + 1) && word_is(s, i + 1, "sunday") ? i + 1 : i;
	if (word_is(s, i, "halloween"))
		return i;
	/* "New Year's Day", "New Year's Eve" */
	if (word_is(s, i, "new") && capital(s, i + 1) &&
	    word_is(s, i + 1, "year") && possessive_after(s, i + 1) &&
	    capital(s, i + 4) && (word_is(s, i + 4, "day") ||
	    word_is(s, i + 4, "eve")))
		return i + 4;
	/* "Valentine's Day", "Mother's Day", "Father's Day" */
	if ((word_is(s, i, "valentine") || word_is(s, i, "mother") ||
	    word_is(s, i, "father")) && possessive_after(s, i) &&
	    capital(s, i + 3) && word_is(s, i + 3, "day"))
		return i + 3;
	/* "the Fourth of July" */
	if (word_is(s, i, "fourth") && word_is(s, i + 1, "of") &&
	    capital(s, i + 2) && word_is(s, i + 2, "july"))
		return i + 2;
	/* "Veterans Day", "Memorial Day", "Labor Day", "Leap Day",
	 * "Independence Day" */
	if ((word_is(s, i, "veterans") || word_is(s, i, "memorial") ||
	    word_is(s, i, "labor") || word_is(s, i, "leap") ||
	    word_is(s, i, "independence")) &&
	    day_next && word_is(s, i + 1, "day"))
		return i + 1;
	return (size_t)-1;
}

static void
rule_written_dates(struct scan *s)
{
	/* whether a patient is named (patient_named) and the person cues
	 * (person_cues), asked once, not at every date: this pass finds no
	 * names */
	int patient_any = -1;
	size_t cues = (size_t)-1;
	for (size_t i = cand_next(s, CP_DATE, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_DATE, i)) {
		size_t a = i, e = (size_t)-1, j;
		int year = 0, day = 0;
		size_t reach = 8; /* tokens back for a person's event */
		/* [Weekday,] Month[.] day[,] [year] */
		if (has(s, i, D_DAY) && capital(s, i)) {
			j = i + 1 + (punct(s, i + 1, ',') ? 1 : 0);
			if (!month_word(s, j))
				continue;
			i = j;
		}
		/* "may" and "march" in lowercase are months only when a day
		 * and a year or "of" and a year follow: "may 16, 2015",
		 * "in march of 2022" */
		int loose = !month_word(s, i) && has(s, i, D_MONTH) &&
		    s->t[i].kind == TK_WORD;
		if (month_word(s, i) || loose) {
			j = i + 1 + (punct(s, i + 1, '.') && adjacent(s, i + 1) ?
			    1 : 0);
			size_t d = day_number(s, j);
			if (d != (size_t)-1 && !adjacent(s, j)) {
				e = d;
				day = 1;
				size_t y = d + 1 + (punct(s, d + 1, ',') ? 1 : 0);
				size_t ye = year_number(s, y);
				if (ye != (size_t)-1) {
					e = ye;
					year = 1;
				}
			} else {
				size_t y = j + (punct(s, j, ',') ? 1 : 0);
				if (word_is(s, y, "of"))
					y++;
				size_t ye = year_number(s, y);
				if (ye != (size_t)-1) {
					e = ye;
					year = 1;
				}
			}
			if (loose && !year) {
				i = a;
				continue;
			}
		} else if (s->t[i].kind == TK_NUM && i >= 2 &&
		    word_is(s, i - 1, "the") && ordinal_suffix(s, i + 1) &&
		    day_number(s, i) == i + 1 && !has(s, i + 2, D_UNIT) &&
		    !word_is(s, i + 2, "of") && (word_is(s, i - 2, "on") ||
		    word_is(s, i - 2, "s") || word_is(s, i - 2, "is") ||
		    word_is(s, i - 2, "since") || word_is(s, i - 2, "until")) &&
		    !near(s, i, 8, 8, D_EVENT, 0)) {
			/* "drawn from the A-line on the 11th", "it's the 11th":
			 * a day of the month on its own (review) */
			add_tokens(s, i, i + 1, PHI_DATE, PHI_REVIEW, "date.day");
			i++;
			continue;
		} else if (s->t[i].kind == TK_NUM) {
			/* day [of] Month [year]: "9 August 1950", "3rd of March",
			 * and in notes "28 Oct, 88", "2 nov, 96" */
			size_t d = day_number(s, i);
			if (d == (size_t)-1)
				continue;
			/* and in Spanish "3 de marzo (de 2024)", the month in
			 * lowercase */
			int de = word_is(s, d + 1, "de");
			j = d + 1 + (word_is(s, d + 1, "of") || de ? 1 : 0);
			int short_year = month_word(s, j) && punct(s, j + 1, ',') &&
			    j + 2 < s->n && s->t[j + 2].kind == TK_NUM &&
			    tok_len(s, j + 2) == 2 && !adjacent(s, j + 3);
			if (!month_word(s, j) || (!capital(s, j) && !short_year &&
			    !(de && !has(s, j, D_ENGLISH))))
				continue;
			e = j;
			day = 1;
			size_t y = j + 1 + (punct(s, j + 1, ',') ||
			    (de && word_is(s, j + 1, "de")) ? 1 : 0);
			size_t ye = year_number(s, y);
			if (ye == (size_t)-1 && short_year)
				ye = j + 2;
			if (ye != (size_t)-1) {
				e = ye;
				year = 1;
			}
		} else if ((e = holiday_end(s, i)) != (size_t)-1) {
			/* "got his new heart on Christmas Eve 2022": a day
			 * of the year, with its year or a person's event
			 * near ("admitted on Christmas Eve"); "open on
			 * Christmas Eve" is no one's date */
			day = 1;
			size_t ye = year_number(s, e + 1 + (punct(s, e + 1, ',') ?
			    1 : 0));
			/* (twelve tokens back: "born on Labor Day and went
			 * home on Thanksgiving") */
			if (ye != (size_t)-1) {
				e = ye;
				year = 1;
			} else if (!near(s, a, 12, 8, D_DATECTX, 1) ||
			    births_counted_before(s, a)) {
				i = e;
				continue;
			}
			reach = 12;
		} else if (has(s, i, D_SEASON)) {
			size_t ye = year_number(s, i + 1 + (word_is(s, i + 1, "of") ?
			    1 : 0));
			if (ye == (size_t)-1)
				continue;
			e = ye;
			year = 1;
		}
		/* "(living with brother) in sept.": a month of a person's
		 * story, on its own */
		/* ("the 8-year-old who swallowed a magnet in March": a
		 * month that is also a word, capitalised, with a person a
		 * little further back) */
		if (e == (size_t)-1 && month_word(s, a) && !loose && a > 0 &&
		    word_is(s, a - 1, "in") && s->t[a].kind == TK_WORD &&
		    ((!has(s, a, D_ENGLISH) && near(s, a, 8, 2, D_PRONOUN |
		    D_RELATIVE, 1)) || (s->t[a].shape == SH_CAP &&
		    not_staff_before(s, a, 14))) &&
		    !near(s, a, 6, 6, D_EVENT, 0)) {
			add_tokens(s, a, a + (punct(s, a + 1, '.') &&
			    adjacent(s, a + 1) ? 1 : 0), PHI_DATE, PHI_REVIEW,
			    "date.person");
			continue;
		}
		if (e == (size_t)-1) {
			i = a;
			continue;
		}
		int ctx = near(s, a, reach, 8, D_DATECTX, 1);
		/* a patient is named somewhere in a post (not a note): a
		 * day further from them is still likely theirs ("Donnell's
		 * insulin pump (SN ...) was replaced on Dec 2") */
		if (patient_any < 0 && day && !s->upper_doc && !s->lower_doc)
			patient_any = patient_named(s);
		int patient = day && !s->upper_doc && !s->lower_doc &&
		    patient_any > 0;
		if (ctx)
			add_tokens(s, a, e, PHI_DATE, PHI_BLOCK, "date.context");
		/* "Our Gala is Saturday, October 18, 2026": an event's date,
		 * with no one near it or named */
		else if (near(s, a, 6, 6, D_EVENT, 0) && !near(s, a, 8, 8,
		    D_PRONOUN | D_RELATIVE | D_PERSON, 1) && !patient)
			;
		/* "take effect January 1, 2027": a full date, its year in
		 * four digits, in a text with no person in it is a public
		 * one (a note's "28 Oct, 88 0700-1245" heads a shift) */
		else if (year && day && (tok_len(s, e) != 4 ||
		    (cues == (size_t)-1 ? (cues = person_cues(s)) : cues) > 0))
			add_tokens(s, a, e, PHI_DATE, PHI_REVIEW, "date.full");
		/* "stated it was July 29th", "in March of 1993 she": a
		 * day or a month of a person's own story */
		else if (near(s, a, 8, 8, D_PRONOUN | D_RELATIVE, 1) ||
		    loose || (year && (s->upper_doc || s->lower_doc)) ||
		    oriented_before(s, a) || patient)
			add_tokens(s, a, e, PHI_DATE, PHI_REVIEW, "date.person");
		i = e;
	}
}

/* ---------------------------------------------------------------- ages */

/* A number num_value reads (ages in digits). */
static int
starts_age_number(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	(void)s;
	return (t->kind == TK_NUM) & (len <= 9);
}

/* "He's 97", "Grandma's 95": the "'s" of "is" after he, she or a
 * person word, before the number at i (after a name it is as often a
 * possessive: "Mabel's 1:30am"). */
static int
person_is_before(const struct scan *s, size_t i)
{
	return i >= 3 && word_is(s, i - 1, "s") && adjacent(s, i - 1) &&
	    punct(s, i - 2, '\'') && adjacent(s, i - 2) &&
	    (word_is(s, i - 3, "he") || word_is(s, i - 3, "she") ||
	    has(s, i - 3, D_RELATIVE | D_PERSON));
}

/* Events an age is given at (age_at_event): "diagnosed with lupus at
 * 19", "our youngest kidney donor at 18", "My son Eli overdosed at 22",
 * "she beat COVID at 98", "had his transplant here in 1998 at 45". */
#define AGE_EVENT_WORDS(X) X("diagnosed") X("diagnosis") X("paralyzed") \
    X("adopted") X("caught") X("developed") X("discovered") \
    X("youngest") X("oldest") X("overdosed") X("injured") \
    X("paralysed") X("beat") X("survived") X("transplant") X("surgery") \
    X("stroke")

/* "she was diagnosed at age 19", "Nadia's story: diagnosed with lupus
 * at 19": the age at i at which a person's life changed, with he, she,
 * his or her or a name found in the ten tokens before it. Not a time
 * ("at 9:30") nor a count ("at 20 weeks"): only punctuation other than
 * ':', the end, or during, after, when, while, and, but may follow. */
static int
age_at_event(const struct scan *s, size_t i)
{
	if (i < 2)
		return 0;
	size_t k = i - 1;
	int age_word = word_is(s, k, "age");
	if (age_word)
		k--;
	if (!word_is(s, k, "at"))
		return 0;
	if (i + 1 < s->n && !(punct(s, i + 1, ',') || punct(s, i + 1, '.') ||
	    punct(s, i + 1, ';') || punct(s, i + 1, '!') ||
	    punct(s, i + 1, ')') || word_is(s, i + 1, "during") ||
	    word_is(s, i + 1, "after") || word_is(s, i + 1, "when") ||
	    word_is(s, i + 1, "while") || word_is(s, i + 1, "and") ||
	    word_is(s, i + 1, "but")))
		return 0;
	/* "diagnosed with type 1 diabetes at 7": the event up to nine
	 * tokens back ("died Nov. 11, Veterans Day, at 76"); "passed away
	 * last Tuesday at 91": a death is a person's, so a patient near is
	 * enough */
	static const char *const events[] = WORD_LIST(AGE_EVENT_WORDS);
	int event = age_word, death = 0;
	for (size_t j = k; !event && !death && j-- > 0 && j + 10 > k;) {
		event = word_in_set(s, j, WORD_SET(AGE_EVENT_WORDS), events);
		death = word_is(s, j, "died") || (word_is(s, j, "passed") &&
		    (word_is(s, j + 1, "away") || word_is(s, j + 1, "on")));
	}
	return (event && near(s, i, 14, 4, D_PRONOUN, 1)) ||
	    (death && near(s, i, 10, 4, D_PRONOUN | D_PERSON | D_RELATIVE, 1));
}

/* The birthday ending at token e is an organisation's: "to our
 * hospital!", "to the cancer center" (not "to our hospital's oldest
 * volunteer"). */
static int
birthday_of_organisation(const struct scan *s, size_t e)
{
	size_t k = e + 1;
	if (!word_is(s, k, "to"))
		return 0;
	k++;
	if (word_is(s, k, "our") || word_is(s, k, "the"))
		k++;
	while (k + 1 < s->n && s->t[k].kind == TK_WORD &&
	    !has(s, k, D_ORG) && k < e + 6 && !s->t[k].named)
		k++;
	/* ("to our hospital's west wing" is the organisation's too; "to
	 * our hospital's oldest nurse" has a person after it) */
	return has(s, k, D_ORG) &&
	    !near(s, e, 0, 10, D_PERSON | D_RELATIVE | D_PRONOUN, 1);
}

/* What follows an age that stands for the person (aged_one): "the
 * 8-year-old who rang the bell", "the 16-year-old hit by a car". */
#define AGED_ONE_AFTER_WORDS(X) X("from") X("who") X("was") X("is") \
    X("with") X("had") X("has") X("died") X("and") X("hit") X("struck") \
    X("injured") X("shot") X("killed") X("found") X("rescued") X("burned")

/* "a 15-year-old from Sandtown", "the 8-year-old who rang the bell": an
 * age written N-year-old, after "a", "an" or "the", that stands for the
 * person (a comma or one of AGED_ONE_AFTER_WORDS after it; not "a
 * 75-year-old building"). A note's "an 89 yr old with"
 * is left to the rules it always met. */
static int
aged_one(const struct scan *s, size_t i, size_t e, const char *rule)
{
	static const char *const after[] = WORD_LIST(AGED_ONE_AFTER_WORDS);
	size_t k = e + 1;
	if (rule == NULL || strcmp(rule, "age.years_old") != 0 || i == 0 ||
	    !(word_is(s, i - 1, "a") || word_is(s, i - 1, "an") ||
	    word_is(s, i - 1, "the")) || !word_is(s, e, "old") ||
	    !punct(s, i + 1, '-'))
		return 0;
	return k >= s->n || punct(s, k, ',') ||
	    word_in_set(s, k, WORD_SET(AGED_ONE_AFTER_WORDS), after);
}

/* "I'm 102 and I've never been this well looked after": "I'm" before
 * the number at i */
static int
i_am_before(const struct scan *s, size_t i)
{
	return i > 2 && word_is(s, i - 1, "m") && punct(s, i - 2, '\'') &&
	    word_is(s, i - 3, "i");
}

/* "is now 12", "she's now 7": the number at i after a copula and "now" */
static int
now_after_copula(const struct scan *s, size_t i)
{
	return i >= 2 && word_is(s, i - 1, "now") && has(s, i - 2, D_COPULA);
}

/* The age at i is stated of he, she or a name found: "she is 4", "he's
 * 5", "Maya is 7" (not "our team is 50 strong": rule_ages keeps those
 * out of age.stated). */
static int
person_subject(const struct scan *s, size_t i)
{
	size_t k;
	/* "He's our 500th NICU grad and just turned 1": a birthday of he,
	 * she or a name found earlier in the sentence */
	if (i >= 2 && (word_is(s, i - 1, "turned") || word_is(s, i - 1,
	    "turns"))) {
		for (size_t j = i - 1; j-- > 0 && j + 14 > i;) {
			if (punct(s, j, '.') || punct(s, j, '!') || punct(s, j, '?'))
				break;
			if (word_is(s, j, "he") || word_is(s, j, "she") ||
			    (s->t[j].named && s->t[j].named != NAMED_STAFF))
				return 1;
		}
	}
	if (person_is_before(s, i))
		k = i - 3;
	else if (i >= 2 && has(s, i - 1, D_COPULA))
		k = i - 2;
	else if (i >= 3 && now_after_copula(s, i))
		k = i - 3; /* "Elijah is now 12" */
	else
		return 0;
	return word_is(s, k, "he") || word_is(s, k, "she") ||
	    (s->t[k].named && s->t[k].named != NAMED_STAFF);
}

static void
rule_ages(struct scan *s)
{
	for (size_t i = cand_next(s, CP_AGE_NUMBER, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_AGE_NUMBER, i)) {
		long v = num_value(s, i);
		if (v < 0 || v > 130 || (i > 0 && punct(s, i - 1, '$')))
			continue;
		/* Most numbers are not ages: look closer only when a word
		 * around them could make one. */
		if (!(has(s, i + 1, D_AGEUNIT) || has(s, i + 2, D_AGEUNIT) ||
		    now_after_copula(s, i) || i_am_before(s, i) ||
		    (i > 0 && (has(s, i - 1, D_AGECTX | D_COPULA) ||
		    punct(s, i - 1, ':') || punct(s, i - 1, ',') ||
		    punct(s, i - 1, '('))) || person_is_before(s, i) ||
		    ordinal_suffix(s, i + 1) || word_is(s, i - 1, "at") ||
		    (v >= 90 && word_is(s, i + 1, "s"))))
			continue;
		/* 100.4 degrees is a temperature, not an age. */
		if (punct(s, i + 1, '.') && adjacent(s, i + 1) && i + 2 < s->n &&
		    s->t[i + 2].kind != TK_PUNCT && is_digit((unsigned char)
		    s->text[s->t[i + 2].start]) && adjacent(s, i + 2))
			continue;
		size_t e = i, j = i + 1;
		const char *rule = NULL;
		/* 93-year-old, 93 years old, 93 yo, 93 y/o */
		if (punct(s, j, '-') && adjacent(s, j))
			j++;
		if (word_is(s, j, "year") || word_is(s, j, "years") ||
		    word_is(s, j, "yr") || word_is(s, j, "yrs") ||
		    word_is(s, j, "month") || word_is(s, j, "months") ||
		    word_is(s, j, "week") || word_is(s, j, "weeks") ||
		    word_is(s, j, "day")) {
			size_t k = j + 1;
			if (punct(s, k, '-'))
				k++;
			if (word_is(s, k, "old") || word_is(s, k, "young")) {
				e = k;
				rule = "age.years_old";
			} else if (v >= 90 && word_is(s, j, "years") &&
			    (word_is(s, k, "of") && word_is(s, k + 1, "age"))) {
				e = k + 1;
				rule = "age.years_old";
			}
		} else if (v >= 90 && word_is_n(s, j, "a\xc3\xb1os", 5)) {
			/* "cumplió 95 años" (Spanish: years) */
			e = j;
			rule = "age.years_old";
		} else if (word_is(s, j, "yo") || (word_is(s, j, "y") &&
		    punct(s, j + 1, '/') && word_is(s, j + 2, "o"))) {
			e = word_is(s, j, "yo") ? j : j + 2;
			rule = "age.years_old";
		}
		/* 101st birthday */
		if (rule == NULL && ordinal_suffix(s, i + 1) &&
		    (word_is(s, i + 2, "birthday") || word_is(s, i + 2, "bday"))) {
			e = i + 2;
			rule = "age.birthday";
		}
		/* "Happy 90th to our volunteer Gladys", "Happy 100th!": a
		 * birthday wish (not "Happy 100th anniversary") */
		if (rule == NULL && v >= 90 && i > 0 && word_is(s, i - 1, "happy") &&
		    ordinal_suffix(s, i + 1) && (i + 2 >= s->n ||
		    s->t[i + 2].kind == TK_PUNCT || word_is(s, i + 2, "to"))) {
			e = i + 1;
			rule = "age.birthday";
		}
		/* "Happy 50th birthday to our hospital!": an organisation's */
		if (rule != NULL && strcmp(rule, "age.birthday") == 0 &&
		    birthday_of_organisation(s, e)) {
			i = e;
			continue;
		}
		/* aged 99, turned 100, age: 92, is 96 */
		int before = i > 0 && (has(s, i - 1, D_AGECTX | D_COPULA) ||
		    now_after_copula(s, i) ||
		    i_am_before(s, i) ||
		    (punct(s, i - 1, ':') && i > 1 && has(s, i - 2, D_AGECTX)) ||
		    person_is_before(s, i));
		/* "is 96", "turned 100" — but not "65 and older", "125 years of
		 * caring", "age 45+", "over 50", "99%". */
		int and_range = (word_is(s, i + 1, "and") || word_is(s, i + 1,
		    "or")) && (word_is(s, i + 2, "older") || word_is(s, i + 2,
		    "over") || word_is(s, i + 2, "up") || word_is(s, i + 2,
		    "above") || word_is(s, i + 2, "younger") ||
		    word_is(s, i + 2, "under"));
		/* (an emoji after the number, "turned 1 🎉", counts nothing:
		 * a word of no letters has shape SH_OTHER with lo == 0) */
		int counted = word_is(s, i + 1, "years") || word_is(s, i + 1,
		    "percent") || (i + 1 < s->n && s->t[i + 1].kind == TK_WORD &&
		    !(s->t[i + 1].shape == SH_OTHER &&
		    (unsigned char)s->text[s->t[i + 1].start] >= 0x80) &&
		    !word_is(s, i + 1, "and") && !word_is(s, i + 1, "today") &&
		    !word_is(s, i + 1, "this") && !word_is(s, i + 1, "on") &&
		    !word_is(s, i + 1, "in") && !word_is(s, i + 1, "with") &&
		    !word_is(s, i + 1, "last") && !word_is(s, i + 1, "next") &&
		    !word_is(s, i + 1, "yesterday") && !word_is(s, i + 1,
		    "tomorrow") && !word_is(s, i + 1, "when") &&
		    !word_is(s, i + 1, "but") && !word_is(s, i + 1, "so") &&
		    !word_is(s, i + 1, "now"));
		if (age_at_event(s, i))
			rule = "age.at_event";
		if (rule == NULL && before && !punct(s, i + 1, '+') &&
		    !and_range && !counted && !punct(s, i + 1, '%') &&
		    !punct(s, i + 1, '-') && !(i > 1 && (word_is(s, i - 2,
		    "over") || word_is(s, i - 2, "under"))))
			rule = "age.stated";
		/* "Priya, 34," and "Kai (4)": an age beside a name; "Ms.
		 * Tillman from Pikesville, 99, is our oldest": set off by
		 * commas, a name found in the six tokens before. Not a list
		 * of numbers ("Dr. Lee, 3, 4 and 5 times"). */
		int commas = punct(s, i - 1, ',') && punct(s, i + 1, ',');
		if (rule == NULL && i > 1 && (commas || (punct(s, i - 1, ',') &&
		    punct(s, i + 1, '.')) || (punct(s, i - 1, '(') &&
		    punct(s, i + 1, ')'))) && !numbers_listed(s, i) &&
		    (s->t[i - 2].named || (commas && v <= 120 &&
		    near(s, i, 6, 0, 0, 1))))
			rule = "age.apposition";
		/* "in her 90s", "in his late 90s" */
		if (rule == NULL && v >= 90 && word_is(s, i + 1, "s") &&
		    adjacent(s, i + 1) && i > 0 && (has(s, i - 1, D_PRONOUN) ||
		    (i > 1 && (word_is(s, i - 1, "late") || word_is(s, i - 1,
		    "mid") || word_is(s, i - 1, "early")) &&
		    has(s, i - 2, D_PRONOUN)))) {
			e = i + 1;
			if (!has(s, i - 1, D_PRONOUN))
				i--; /* the finding starts at "late" */
			rule = "age.decade";
		}
		if (rule == NULL)
			continue;
		/* "our 75-year-old hospital", "a 125-year-old tradition": the
		 * age of an organisation or a custom */
		if (strcmp(rule, "age.years_old") == 0 && word_is(s, e, "old") &&
		    (has(s, e + 1, D_ORG) || word_is(s, e + 1, "tradition") ||
		    word_is(s, e + 1, "building") || word_is(s, e + 1,
		    "program") || word_is(s, e + 1, "history") ||
		    word_is(s, e + 1, "legacy") || word_is(s, e + 1,
		    "company") || word_is(s, e + 1, "institution"))) {
			i = e;
			continue;
		}
		int person = near(s, i, 6, 6, D_PERSON | D_RELATIVE | D_PRONOUN,
		    1) || (i > 0 && (word_is(s, i - 1, "our") ||
		    word_is(s, i - 1, "my"))) || aged_one(s, i, e, rule);
		if (v >= 90)
			add_tokens(s, i, e, PHI_AGE, PHI_BLOCK, "age.over89");
		else if (strcmp(rule, "age.apposition") == 0 ||
		    strcmp(rule, "age.at_event") == 0 ||
		    (person && strcmp(rule, "age.stated") != 0) ||
		    (strcmp(rule, "age.stated") == 0 && (person_subject(s, i) ||
		    i_am_before(s, i))))
			add_tokens(s, i, e, PHI_AGE, PHI_BLOCK, rule);
		else if (s->t[i].named || near(s, i, 4, 4, 0, 1))
			add_tokens(s, i, e, PHI_AGE, PHI_REVIEW, rule);
		i = e;
	}
	/* A bare 90–120 right next to a birthday ("Happy 100th!" aside);
	 * not how long something has gone on ("celebrating 100 years of
	 * caring"), though "100 years of age" is an age. */
	for (size_t i = cand_next(s, CP_AGE_NUMBER, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_AGE_NUMBER, i)) {
		long v = num_value(s, i);
		int duration = word_is(s, i + 1, "years") &&
		    word_is(s, i + 2, "of") && !word_is(s, i + 3, "age");
		/* "says the secret to 96 years is black coffee": years a
		 * person has lived (not "100 years ago", "100 years of") */
		if (v >= 90 && v <= 120 && (near(s, i, 4, 4, D_AGECTX, 0) ||
		    (word_is(s, i + 1, "years") && !duration &&
		    !word_is(s, i + 2, "ago") && !word_is(s, i + 2, "later") &&
		    !word_is(s, i + 2, "since") && near(s, i, 14, 3,
		    D_RELATIVE | D_PRONOUN, 1)) ||
		    /* "Grandpa Ike says the secret to living to 100" (not
		     * "Want to live to 100?", which names no one) */
		    (i > 1 && word_is(s, i - 1, "to") && (word_is(s, i - 2,
		    "living") || word_is(s, i - 2, "live") || word_is(s,
		    i - 2, "lived")) && near(s, i, 14, 3, D_RELATIVE |
		    D_PRONOUN, 1))) && !punct(s, i + 1, '%') &&
		    !duration) {
			if (!(s->t[i].cats & (1u << PHI_AGE)))
				add_tokens(s, i, ordinal_suffix(s, i + 1) ? i + 1 :
				    i, PHI_AGE, PHI_BLOCK, "age.over89");
		}
	}
}

/* Ages over 89 in words: "turned ninety-two", "is one hundred and two",
 * "a hundred years old". Apart from rule_ages, which runs only on texts
 * with a number in digits. */
static int
starts_age_word(const struct scan *s, const struct phi_token *t)
{
	/* the two words' bits (rule_age_words tells them apart), and the
	 * "year" of "-year-old" after words ("seventy-year-old") */
	size_t i = (size_t)(t - s->t);
	int words = (BLOOM_WORD("ninety") | BLOOM_WORD("hundred")) &
	    BLOOM_BIT(t->key) ? 1 : 0;
	int year_after_words = t->key == literal_key("year", 4) && i > 1 &&
	    t[-1].pch == '-' && t[-2].kind == TK_WORD;
	/* "nonagenarian", "centenarian": long age words (no key) */
	int long_age = t->key == 0 && (t->flags & D_AGECTX) != 0;
	return words | year_after_words | long_age;
}

/* Token i is "twenty" .. "ninety", the tens of an age in words. */
static int
tens_word(const struct scan *s, size_t i)
{
	return word_is(s, i, "twenty") || word_is(s, i, "thirty") ||
	    word_is(s, i, "forty") || word_is(s, i, "fifty") ||
	    word_is(s, i, "sixty") || word_is(s, i, "seventy") ||
	    word_is(s, i, "eighty") || word_is(s, i, "ninety");
}

static void
rule_age_words(struct scan *s)
{
	for (size_t i = cand_next(s, CP_AGE_WORD, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_AGE_WORD, i)) {
		size_t e;
		/* "ninety-four-year-old", "seventy-year-old": the words of
		 * an age joined to "year-old", found from the "year" */
		if (word_is(s, i, "year")) {
			size_t b = i - 2; /* "seventy" of "seventy-year" */
			if (i >= 4 && punct(s, i - 3, '-') && adjacent(s, i - 2) &&
			    adjacent(s, i - 3) && tens_word(s, i - 4))
				b = i - 4; /* "ninety-four-year" */
			if (tens_word(s, b) && adjacent(s, i - 1) &&
			    adjacent(s, i) && punct(s, i + 1, '-') &&
			    word_is(s, i + 2, "old") && adjacent(s, i + 2) &&
			    (word_is(s, b, "ninety") || near(s, b, 6, 8,
			    D_PERSON | D_RELATIVE | D_PRONOUN, 1)))
				add_tokens(s, b, i + 2, PHI_AGE, PHI_BLOCK,
				    "age.words");
			continue;
		}
		/* "our nonagenarian volunteer", "our newest centenarian,
		 * Mabel": one person's age over 89 in a word (not the
		 * plural, "Centenarians are the fastest-growing group") */
		if (s->t[i].key == 0) {
			if ((word_is(s, i, "nonagenarian") ||
			    word_is(s, i, "centenarian") ||
			    word_is(s, i, "supercentenarian")) &&
			    names_someone(s))
				add_tokens(s, i, i, PHI_AGE, PHI_BLOCK,
				    "age.words");
			continue;
		}
		if (word_is(s, i, "ninety")) {
			e = i;
			if (punct(s, i + 1, '-') && i + 2 < s->n &&
			    s->t[i + 2].kind == TK_WORD)
				e = i + 2;
		} else if (word_is(s, i, "hundred") && i > 0 &&
		    (word_is(s, i - 1, "one") || word_is(s, i - 1, "a"))) {
			e = i;
			if (word_is(s, i + 1, "and") && i + 2 < s->n &&
			    s->t[i + 2].kind == TK_WORD)
				e = i + 2;
			if (punct(s, e + 1, '-') && e + 2 < s->n)
				e += 2;
			i--;
		} else {
			continue;
		}
		size_t b = i;
		/* ("Ninety years old and still dancing" at a text's start;
		 * "years" alone only of a person: not "for a hundred years,
		 * we have served", "a hundred years of caring") */
		int years = word_is(s, e + 1, "years") &&
		    (word_is(s, e + 2, "old") || word_is(s, e + 2, "young") ||
		    (!word_is(s, e + 2, "of") && !word_is(s, e + 2, "ago") &&
		    !word_is(s, e + 2, "later") && !word_is(s, e + 2, "since") &&
		    near(s, i, 8, 6, D_PRONOUN | D_RELATIVE | D_PERSON, 1)));
		/* ("he's ninety-one going on 19") */
		int hes = b > 2 && word_is(s, b - 1, "s") &&
		    punct(s, b - 2, '\'') && has(s, b - 3, D_PRONOUN);
		if ((b > 0 && (has(s, b - 1, D_AGECTX) || word_is(s, b - 1,
		    "is") || word_is(s, b - 1, "was"))) || years || hes ||
		    word_is(s, e + 1, "today"))
			add_tokens(s, i, e, PHI_AGE, PHI_BLOCK, "age.words");
		i = e;
	}
}

/* ------------------------------------------------------------ addresses */

/* UK (LS6 2QR) and Canadian (M4C 1B5) postcodes, in capitals. */
static int
intl_postcode(const struct scan *s, size_t i)
{
	if (i + 1 >= s->n || adjacent(s, i + 1))
		return 0;
	const char *a = s->text + s->t[i].start, *b = s->text + s->t[i + 1].start;
	size_t la = tok_len(s, i), lb = tok_len(s, i + 1);
	if (s->t[i].kind != TK_ALNUM || s->t[i + 1].kind != TK_ALNUM || lb != 3)
		return 0;
	for (size_t k = 0; k < la; k++)
		if (!(is_digit((unsigned char)a[k]) || (a[k] >= 'A' && a[k] <= 'Z')))
			return 0;
	if (la == 3 && a[0] >= 'A' && a[0] <= 'Z' && is_digit((unsigned char)a[1]) &&
	    a[2] >= 'A' && a[2] <= 'Z' && is_digit((unsigned char)b[0]) &&
	    b[1] >= 'A' && b[1] <= 'Z' && is_digit((unsigned char)b[2]))
		return 1; /* Canada */
	/* UK: outward code A9, A99, AA9, AA99, A9A or AA9A; inward 9AA */
	size_t letters = 0;
	while (letters < la && a[letters] >= 'A' && a[letters] <= 'Z')
		letters++;
	if (la >= 2 && la <= 4 && (letters == 1 || letters == 2) &&
	    letters < la && is_digit((unsigned char)a[letters]) &&
	    (la - letters == 1 || (la - letters == 2 &&
	    (is_digit((unsigned char)a[letters + 1]) ||
	    (a[letters + 1] >= 'A' && a[letters + 1] <= 'Z')))) &&
	    is_digit((unsigned char)b[0]) && b[1] >= 'A' && b[1] <= 'Z' &&
	    b[2] >= 'A' && b[2] <= 'Z')
		return 1;
	return 0;
}

/* Units and services inside any hospital (ICU, ED, OR, CT…), never a
 * place that identifies anyone. */
static int
hospital_unit(const struct scan *s, size_t i)
{
	static const char *const units[] = { "icu", "ccu", "micu", "sicu",
	    "ticu", "tsicu", "picu", "nicu", "csru", "pacu", "pcu", "ed", "er",
	    "ew", "or", "ir", "ct", "mri", "osh", "bb", "ra", "av", "cath",
	    "neuro", "simv", "imv", "nsr", "tlc", "rle", "lle", "rue", "lue",
	    "ltc", "snf", "rehab", "floor", "home", "unit", "lab", "cvicu",
	    "ccu", "mcu", "mciu", NULL };
	if (i >= s->n || s->t[i].kind != TK_WORD)
		return 0;
	size_t n = tok_len(s, i);
	const char *w = s->lt + s->t[i].start;
	if (n >= 3 && w[n - 2] == 'c' && w[n - 1] == 'u')
		return 1;
	if (n > 5) /* no listed word is longer */
		return 0;
	return word_in(s, i, units);
}

/* A number (a house number), a word with digits (a postcode), or a word
 * an address can start on: not lowercase unless a street preposition or
 * a place, or after to, in or from. */
/* Token j is a street word's abbreviation after a street's name: "on
 * Edmondson Ave", "on Falls Rd"; "St" only where no saint's name follows
 * it ("on Pratt St;", not "on Mercy St. Agnes"). "Dr" and "Ct" are not
 * taken: a doctor and a state. */
static int
street_abbreviation(const struct scan *s, size_t j)
{
	if (word_is(s, j, "ave") || word_is(s, j, "rd") ||
	    word_is(s, j, "ln") || word_is(s, j, "hwy") ||
	    word_is(s, j, "pkwy"))
		return 1;
	if (!word_is(s, j, "st"))
		return 0;
	size_t k = j + 1 + (punct(s, j + 1, '.') ? 1 : 0);
	return !capital(s, k);
}

/* A meeting of professionals is named in the five tokens before token
 * p of its sentence ("the International Stroke Conference in Atlanta"):
 * the place after p is where it meets, no one's home. */
static int
event_before(const struct scan *s, size_t p)
{
	for (size_t k = p; k-- > 0 && k + 5 >= p;) {
		if (punct(s, k, '.') || punct(s, k, '!') || punct(s, k, '?') ||
		    punct(s, k, ';'))
			return 0;
		if (word_is(s, k, "conference") || word_is(s, k, "conferences") ||
		    word_is(s, k, "summit") || word_is(s, k, "congress") ||
		    word_is(s, k, "symposium") || word_is(s, k, "convention") ||
		    word_is(s, k, "meeting") || word_is(s, k, "sessions") ||
		    word_is(s, k, "expo") || word_is(s, k, "forum"))
			return 1;
	}
	return 0;
}

/* Token k names a person: he, she, I, a relative, a patient, a baby, or
 * a name found; not the "thank you", "congratulations" or "meet us" of a
 * post to the public. */
static int
person_cue(const struct scan *s, size_t k)
{
	/* "I", but not the I of "I-695" */
	if (s->t[k].named || (s->t[k].kind == TK_WORD &&
	    ((word_is(s, k, "i") && !(punct(s, k + 1, '-') &&
	    adjacent(s, k + 1))) || word_is(s, k, "my") ||
	    word_is(s, k, "me"))))
		return 1;
	return s->t[k].kind == TK_WORD && (s->t[k].flags & (D_PRONOUN |
	    D_PERSON | D_RELATIVE)) && !idiom_not_cue(s, k) &&
	    !word_is(s, k, "thank") && !word_is(s, k, "thanks") &&
	    !word_is(s, k, "congrats") && !word_is(s, k, "congratulations") &&
	    /* "Residents in Towson can get free flu shots": the public */
	    !word_is(s, k, "residents") && !word_is(s, k, "families") &&
	    !(word_is(s, k, "meet") && (word_is(s, k + 1, "us") ||
	    word_is(s, k + 1, "me")));
}

/* How many tokens of the text are person cues (person_cue). The
 * passes that ask count once and keep the count: asked at every room or
 * date, a long text would be read once per room. */
static size_t
person_cues(const struct scan *s)
{
	size_t n = 0;
	/* (not a room or a bed, which are cues of care: "Room 2 of the
	 * Wellness Center is now a lactation room") */
	for (size_t k = 0; k < s->n; k++)
		n += person_cue(s, k) != 0 && !word_is(s, k, "room") &&
		    !word_is(s, k, "rooms") && !word_is(s, k, "bed") &&
		    !word_is(s, k, "beds");
	return n;
}

/* A person is named within twelve tokens of the place at token i. */
static int
person_near_place(const struct scan *s, size_t i)
{
	size_t a = i > 12 ? i - 12 : 0, b = i + 12 < s->n ? i + 12 : s->n - 1;
	for (size_t k = a; k <= b; k++)
		if (k != i && person_cue(s, k))
			return 1;
	return 0;
}

/* Someone could be identified by a town in the text: a person is named
 * (person_cue), or one of INDIVIDUAL_WORDS, a patient's care or a move
 * (care_near) is, anywhere; computed once, after the name passes. A town
 * in a text with none of these is where the organisation works or an
 * event happens ("our team climbed the stairs in Baltimore"). */
static int
person_in_text(const struct scan *s)
{
	for (size_t k = 0; k < s->n; k++)
		if (person_cue(s, k) || individual_word(s, k))
			return 1;
	return s->n > 0 && care_near(s, 0, s->n - 1);
}

/* What an organisation runs or holds somewhere, for the public: a fair,
 * a walk, a screening, a clinic, a campus, a van, jobs. */
#define PUBLIC_SERVICE_WORDS(X) X("fair") X("festival") X("walk") X("run") \
    X("race") X("5k") X("climb") X("market") X("parade") X("gala") \
    X("fundraiser") X("drive") X("screening") X("screenings") X("shots") \
    X("vaccines") X("clinic") X("clinics") X("campus") X("office") \
    X("offices") X("location") X("locations") X("center") X("van") \
    X("event") X("events") X("class") X("classes") X("opening") \
    X("opens") X("open") X("hiring") X("jobs") X("tour") X("booth") \
    X("mobile") X("pharmacy") X("hospital") X("hospitals") X("practice") \
    X("urgent") X("garage") X("parking") X("entrance")

/* The place after token p is where the organisation serves the public
 * ("free flu shots this week in Perry Hall", "the State Fair in
 * Timonium", "our new clinic in Severna Park"): one of
 * PUBLIC_SERVICE_WORDS in the ten tokens before p, in its sentence, and
 * no person near the place (person_near_place), so nobody's home or
 * hospital. */
static int
public_place_use(const struct scan *s, size_t p)
{
	static const char *const words[] = WORD_LIST(PUBLIC_SERVICE_WORDS);
	int service = 0;
	for (size_t k = p; k-- > 0 && k + 10 >= p && !service;) {
		if (punct(s, k, '.') || punct(s, k, '!') || punct(s, k, '?') ||
		    punct(s, k, ';'))
			break;
		service = word_in_set(s, k, WORD_SET(PUBLIC_SERVICE_WORDS),
		    words);
	}
	return service && !person_near_place(s, p + 1);
}

/* What a county runs, named after it: "Harford County Health
 * Department", "Baltimore County Public Schools". */
#define COUNTY_BODY_WORDS(X) X("health") X("department") X("public") \
    X("schools") X("library") X("government") X("executive") X("police") \
    X("fire") X("council") X("sheriff") X("community") X("circuit") \
    X("district") X("parks") X("recreation") X("emergency") \
    X("commission") X("board") X("detention") X("animal")

static int
county_body(const struct scan *s, size_t k)
{
	static const char *const words[] = WORD_LIST(COUNTY_BODY_WORDS);
	return word_in_set(s, k, WORD_SET(COUNTY_BODY_WORDS), words);
}

/* A public body's workers in the plural. */
#define PUBLIC_WORKER_WORDS(X) X("dispatchers") X("firefighters") \
    X("paramedics") X("officers") X("deputies") X("teachers") \
    X("employees") X("workers") X("volunteers") X("crews") X("medics")

/* Token k, after a county's name, starts its workers in the plural:
 * "the Baltimore County 911 dispatchers", "Harford County firefighters"
 * (the public's servants; "the Harford County firefighter who was hurt"
 * is one person). */
static int
county_workers(const struct scan *s, size_t k)
{
	static const char *const words[] = WORD_LIST(PUBLIC_WORKER_WORDS);
	if (k < s->n && s->t[k].kind == TK_NUM && tok_len(s, k) == 3)
		k++; /* 911 */
	if (word_is(s, k, "fire") || word_is(s, k, "police") ||
	    word_is(s, k, "public") || word_is(s, k, "school"))
		k++;
	return word_in_set(s, k, WORD_SET(PUBLIC_WORKER_WORDS), words);
}

/* Token p is the "of" of an organisation's name ("the Rotary Club of
 * Towson", "the Chamber of Commerce of Towson"): the place after it is
 * the organisation's. Not "the City of Towson", a place to live. */
static int
organisation_of(const struct scan *s, size_t p)
{
	if (p < 1 || !word_is(s, p, "of") || !capital(s, p - 1))
		return 0;
	return has(s, p - 1, D_ORG) || word_is(s, p - 1, "club") ||
	    word_is(s, p - 1, "commerce") || word_is(s, p - 1, "chamber") ||
	    word_is(s, p - 1, "league") || word_is(s, p - 1, "council") ||
	    word_is(s, p - 1, "lodge") || word_is(s, p - 1, "board") ||
	    word_is(s, p - 1, "department") || word_is(s, p - 1, "diocese") ||
	    word_is(s, p - 1, "archdiocese") || word_is(s, p - 1, "auxiliary");
}

/* A school named at token i is someone's (block) with a person near:
 * "her son's class at Lincoln Elementary"; with no one near it is where
 * something happens ("our mobile unit will be at Towson High School"),
 * for review. */
static enum phi_severity
school_severity(const struct scan *s, size_t i)
{
	if (near(s, i, 12, 12, D_PRONOUN | D_PERSON | D_RELATIVE, 1))
		return PHI_BLOCK;
	/* "a junior at Ridgeview High", "a 5th grader at Lincoln" */
	for (size_t k = i >= 4 ? i - 4 : 0; k < i; k++)
		if (word_is(s, k, "junior") || word_is(s, k, "senior") ||
		    word_is(s, k, "freshman") || word_is(s, k, "sophomore") ||
		    word_is(s, k, "student") || word_is(s, k, "grader") ||
		    word_is(s, k, "teacher") || word_is(s, k, "attends"))
			return PHI_BLOCK;
	return PHI_REVIEW;
}

static int
starts_address(const struct scan *s, const struct phi_token *t)
{
	size_t i = (size_t)(t - s->t);
	const struct phi_token *pv = i > 0 ? t - 1 : t;
	int after_to = (i > 0) & ((pv->key == literal_key("to", 2)) |
	    (pv->key == literal_key("in", 2)) |
	    (pv->key == literal_key("from", 4)));
	return (t->kind == TK_NUM) | (t->kind == TK_ALNUM) |
	    ((t->kind == TK_WORD) & ((t->shape != SH_LOWER) |
	    ((t->flags & (D_STREETPREP | D_PLACE)) != 0) | after_to));
}

/* "in Towson & Parkville", "from Dundalk or Essex": a second place joined
 * to the place ending at e by "and", "&" or "or", capitalised and known as
 * a place (one word that is not also an English word, or a place of two
 * words: "Ellicott City"). Returns its last token, or -1. */
static size_t
coordinated_place(const struct scan *s, size_t e)
{
	size_t j = e + 2;
	if (!(punct(s, e + 1, '&') || word_is(s, e + 1, "and") ||
	    word_is(s, e + 1, "or")) || !capital(s, j) ||
	    has(s, j, D_STATE | D_NOTNAME | D_MONTH | D_DAY | D_ORG))
		return (size_t)-1;
	size_t c = (size_t)-1;
	if (capital(s, j + 1) && (dict_phrase_flags(s, j, j + 1) & D_PLACE))
		c = j + 1;
	else if (has(s, j, D_PLACE) && !has(s, j, D_ENGLISH | D_FIRST))
		c = j;
	if (c == (size_t)-1 || has(s, c + 1, D_ORG | D_SCHOOL) ||
	    public_name(s, j, c))
		return (size_t)-1;
	return c;
}

/* Token i is a given name that is also a town, alone ("from Frederick",
 * "in Lydia"): the name rules leave it to the place rules, which must
 * report it even in a text that names no one else (it may be the one
 * named). Not the first word of a known place of two ("in Glen
 * Burnie"). */
static int
given_name_alone(const struct scan *s, size_t i)
{
	return has(s, i, D_FIRST) && !(capital(s, i + 1) &&
	    (dict_phrase_flags(s, i, i + 1) & D_PLACE));
}

/* person_in_text, computed once when a rule first asks (1 or 0; -1 in
 * anyone before that). */
static int
anyone_named(struct scan *s)
{
	if (s->anyone < 0)
		s->anyone = person_in_text(s);
	return s->anyone;
}

/* Token i starts a town after "the" or "our" and before a kind of site
 * ("the Catonsville clinic", "our Bel Air center"): the town's last
 * token, or -1. */
static size_t
town_before_site(const struct scan *s, size_t i)
{
	static const char *const sites[] = { "clinic", "center", "office",
	    "location", "hospital", "practice", "pharmacy", "urgent", "mill",
	    "plant", "factory", "shipyard", "store", "supermarket", "mall",
	    "library", "gym", "pool", "nicu", "picu", "icu", "er", "shop",
	    "terminal", "warehouse", "depot", NULL };
	/* stores known by their branch's town: "the Overlea Giant", "the
	 * Canton Safeway" (a town that is also a word is a town here) */
	static const char *const stores[] = { "giant", "safeway", "walmart",
	    "target", "cvs", "walgreens", "wegmans", "weis", "aldi", "lidl",
	    "costco", "starbucks", "mcdonald", "shoprite", "kroger", "rite",
	    NULL };
	size_t e = i;
	if (i == 0 || !capital(s, i) || !(word_is(s, i - 1, "the") ||
	    word_is(s, i - 1, "our") || (i > 1 && word_is(s, i - 1, "new") &&
	    word_is(s, i - 2, "our"))))
		return (size_t)-1;
	if (capital(s, i + 1) && (dict_phrase_flags(s, i, i + 1) & D_PLACE))
		e = i + 1;
	else if (has(s, i, D_PLACE) && !has(s, i, D_STATE | D_FIRST | D_ORG) &&
	    capital(s, i + 1) && word_in(s, i + 1, stores))
		return i;
	else if (!has(s, i, D_PLACE) || has(s, i, D_ENGLISH | D_STATE |
	    D_FIRST | D_ORG))
		return (size_t)-1;
	/* "the Towson Town Center food court": a mall named for its town */
	if (word_is(s, e + 1, "town") && capital(s, e + 1) &&
	    (word_is(s, e + 2, "center") || word_is(s, e + 2, "centre") ||
	    word_is(s, e + 2, "square")))
		return e + 2;
	/* "the Odenton birthing center": one word of the site's kind
	 * between */
	if (e + 1 < s->n && (word_in(s, e + 1, sites) || (e + 2 < s->n &&
	    s->t[e + 1].shape == SH_LOWER && s->t[e + 1].kind == TK_WORD &&
	    word_in(s, e + 2, sites))))
		return e;
	return (size_t)-1;
}

/* One person named by where they live, as news and posts write it: "a
 * Dundalk man", "the Sparrows Point couple", "a Highlandtown mother of
 * four". Singular only: "Dundalk residents can get free flu shots" is the
 * public; and not after "our" ("our Towson family" is the staff). Not
 * "native": "Dr. Lee, a Baltimore native, joins our team" is a bio; nor
 * "family": "the Parkville family fun run", "our Towson family medicine
 * office". */
#define TOWN_PERSON_WORDS(X) X("man") X("woman") X("mother") X("father") \
    X("mom") X("dad") X("teen") X("teenager") X("girl") X("boy") \
    X("grandmother") X("grandfather") X("grandma") X("grandpa") \
    X("couple") X("resident") X("toddler") X("child") \
    X("kid") X("baby") X("infant") X("newborn") X("student") \
    X("veteran") X("driver") X("cyclist") X("pedestrian") X("widow") \
    X("widower") X("retiree")

/* Token i starts a town after "a", "an" or "the" (and an age: "a
 * 34-year-old Essex woman") and before one of
 * the TOWN_PERSON_WORDS: the town's last token, or -1. The town is known
 * as one (one word that is not an English word or a given name, or two
 * words: "Sparrows Point"), or a capitalised word no list knows, which
 * before "mother" or "man" can only be a place or a name
 * ("Highlandtown", not in the gazetteer). */
static size_t
town_before_person(const struct scan *s, size_t i)
{
	static const char *const people[] = WORD_LIST(TOWN_PERSON_WORDS);
	size_t e = i, d = i - 1; /* d: the determiner */
	/* "a 34-year-old Essex woman": the age between */
	if (i >= 6 && word_is(s, i - 1, "old") && punct(s, i - 2, '-') &&
	    word_is(s, i - 3, "year") && punct(s, i - 4, '-') &&
	    s->t[i - 5].kind == TK_NUM)
		d = i - 6;
	if (i == 0 || s->t[i].shape != SH_CAP || !(word_is(s, d, "a") ||
	    word_is(s, d, "an") || word_is(s, d, "the")))
		return (size_t)-1;
	if (capital(s, i + 1) && (dict_phrase_flags(s, i, i + 1) & D_PLACE)) {
		e = i + 1;
	} else if (s->t[i].flags == 0 && tok_len(s, i) >= 5) {
		/* an unknown word: only before a word that is a person's
		 * and nothing else ("a Medicaid family" is not a place) */
		size_t k = i + 1;
		return word_is(s, k, "mother") || word_is(s, k, "father") ||
		    word_is(s, k, "man") || word_is(s, k, "woman") ||
		    word_is(s, k, "teen") || word_is(s, k, "couple") ||
		    word_is(s, k, "resident") || word_is(s, k, "grandmother") ||
		    word_is(s, k, "grandfather") ? i : (size_t)-1;
	} else if (!has(s, i, D_PLACE) || has(s, i, D_ENGLISH | D_STATE |
	    D_FIRST | D_ORG)) {
		return (size_t)-1;
	}
	/* "the Whitfield couple": a surname that is also a town names
	 * them */
	if (e == i && has(s, i, D_SURNAME) && word_is(s, e + 1, "couple"))
		return (size_t)-1;
	return word_in_set(s, e + 1, WORD_SET(TOWN_PERSON_WORDS), people) ?
	    e : (size_t)-1;
}

static void
rule_addresses(struct scan *s)
{
	for (size_t i = cand_next(s, CP_ADDRESS, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_ADDRESS, i)) {
		struct phi_token *tk = &s->t[i];
		/* 12 Oak Street, 4521 N. Maple Ave #3 */
		if (tk->kind == TK_NUM && tok_len(s, i) <= 6 &&
		    !punct(s, i + 1, '%') && !(i > 0 && punct(s, i - 1, '$'))) {
			/* "the 1200 block of W. Pratt St": where someone fell
			 * or lives, as the news writes it; where someone is
			 * named (a road closed there is the public's) */
			int block_of = word_is(s, i + 1, "block") &&
			    word_is(s, i + 2, "of");
			size_t j = i + 1 + (block_of ? 2 : 0), words = 0;
			while (j < s->n && words < 4) {
				if (s->t[j].kind == TK_WORD && (capital(s, j) ||
				    s->t[j].shape == SH_UPPER) &&
				    !has(s, j, D_STREET)) {
					words++;
					j++;
					if (punct(s, j, '.') && tok_len(s, j - 1) <= 2)
						j++;
				} else if (s->t[j].kind == TK_ALNUM &&
				    ordinal_suffix(s, j) == 0 && words == 0 &&
				    tok_len(s, j) <= 4) {
					words++; /* 5th */
					j++;
				} else {
					break;
				}
			}
			/* "MSO4 4 MG SQ": a dose, not "4 Main Sq" */
			if (has(s, i + 1, D_UNIT) && !block_of)
				words = 0;
			/* In all-capitals notes "14 BEAT RUN", "8 TRACH IN PLACE":
			 * only unmistakable street words count there. */
			int weak = words > 0 && s->upper_doc && has(s, j, D_STREET) &&
			    (word_is(s, j, "place") || word_is(s, j, "run") ||
			    word_is(s, j, "row") || word_is(s, j, "loop") ||
			    word_is(s, j, "way") || word_is(s, j, "close") ||
			    word_is(s, j, "square") || word_is(s, j, "circle") ||
			    word_is(s, j, "trail") || word_is(s, j, "dr") ||
			    word_is(s, j, "plaza") || word_is(s, j, "pike") ||
			    word_is(s, j, "alley") || word_is(s, j, "terrace") ||
			    word_is(s, j, "ct") || word_is(s, j, "sq"));
			if (words > 0 && has(s, j, D_STREET) && (capital(s, j) ||
			    s->t[j].shape == SH_UPPER) && !(s->upper_doc && weak) &&
			    !(word_is(s, j, "st") && !capital(s, j))) {
				/* "St." keeps its period; "Way." ends a sentence. */
				size_t e = j + (punct(s, j + 1, '.') &&
				    adjacent(s, j + 1) && tok_len(s, j) <= 4 &&
				    !word_is(s, j, "way") && !word_is(s, j, "row") &&
				    !word_is(s, j, "run") && !word_is(s, j, "loop") &&
				    !word_is(s, j, "lane") && !word_is(s, j, "road") &&
				    !word_is(s, j, "pike") ? 1 : 0);
				size_t k = e + 1 + (punct(s, e + 1, ',') ? 1 : 0);
				if ((word_is(s, k, "apt") || word_is(s, k, "unit") ||
				    word_is(s, k, "suite") || punct(s, k, '#'))) {
					size_t v = k + 1 + (punct(s, k + 1, '.') ? 1 : 0);
					if (punct(s, k, '#'))
						v = k + 1;
					size_t ve = id_value(s, v, 1, 1);
					if (ve != (size_t)-1)
						e = ve;
				}
				/* in a text that names no one, a street block
				 * ("the 1200 block of ...", above) or where the
				 * public is served ("a free health fair at 4500
				 * Harford Road", "our mobile van will be at 1200
				 * E. Monument St") is no one's; "Send cards to
				 * 42 Maple Street" is someone's home */
				if (!names_someone(s) && (block_of ||
				    public_place_use(s, i))) {
					i = e;
					continue;
				}
				add_tokens(s, i, e, PHI_ADDRESS, PHI_BLOCK,
				    "address.street");
				/* "1422 Birch Lane, Springfield.": the town after
				 * the street, even with no state after it (one
				 * with a state is the city rule's) */
				size_t c = e + 2, ce = (size_t)-1;
				if (punct(s, e + 1, ',') && capital(s, c) &&
				    !has(s, c, D_STATE | D_MONTH | D_DAY |
				    D_PRONOUN | D_NOTNAME | D_ORG)) {
					if (capital(s, c + 1) && !has(s, c + 1, D_STATE) &&
					    (dict_phrase_flags(s, c, c + 1) & D_PLACE))
						ce = c + 1; /* "Silver Spring" */
					else if (!has(s, c, D_ENGLISH) && (has(s, c,
					    D_PLACE) || s->t[c].flags == 0))
						ce = c;
				}
				if (ce != (size_t)-1 && !(punct(s, ce + 1, ',') &&
				    is_state_token(s, ce + 2))) {
					add_tokens(s, c, ce, PHI_ADDRESS, PHI_BLOCK,
					    "address.city");
					e = ce;
					/* "..., Baltimore 21224": its ZIP code, with
					 * no state between */
					if (ce + 1 < s->n && s->t[ce + 1].kind == TK_NUM &&
					    tok_len(s, ce + 1) == 5 &&
					    s->t[ce + 1].space_before) {
						size_t z = ce + 1;
						if (punct(s, z + 1, '-') && adjacent(s, z + 1) &&
						    z + 2 < s->n && s->t[z + 2].kind == TK_NUM &&
						    tok_len(s, z + 2) == 4 && adjacent(s, z + 2))
							z += 2;
						add_tokens(s, ce + 1, z, PHI_ZIP, PHI_BLOCK,
						    "zip.after_city");
						e = z;
					}
				}
				i = e;
				continue;
			}
		}
		if (tk->kind == TK_ALNUM && intl_postcode(s, i)) {
			/* the town before it: "Leeds LS6 2QR", "Toronto, ON M4C" */
			size_t c = i;
			if (c > 2 && punct(s, c - 2, ',') && s->t[c - 1].shape ==
			    SH_UPPER && tok_len(s, c - 1) == 2)
				c -= 2;
			if (c > 0 && capital(s, c - 1) && !has(s, c - 1,
			    D_PLACEPREP | D_NOTNAME))
				add_tokens(s, c - 1, c - 1, PHI_ADDRESS, PHI_BLOCK,
				    "address.city");
			add_tokens(s, i, i + 1, PHI_ZIP, PHI_BLOCK, "zip.intl");
			i++;
			continue;
		}
		if (tk->kind != TK_WORD)
			continue;
		/* on Linden Street, at the Elm Street branch */
		if (has(s, i, D_STREETPREP) && i + 2 < s->n) {
			size_t a = i + 1 + (word_is(s, i + 1, "the") ? 1 : 0), j = a;
			/* "North Avenue", "West Pratt Street": a compass word
			 * first, though it is no name */
			while (j < s->n && j < a + 3 && capital(s, j) &&
			    (!has(s, j, D_STREET | D_NOTNAME | D_MONTH | D_DAY) ||
			    (j == a && (word_is(s, j, "north") || word_is(s, j,
			    "south") || word_is(s, j, "east") || word_is(s, j,
			    "west")) && has(s, j + 1, D_STREET | D_SURNAME |
			    D_FIRST | D_PLACE))))
				j++;
			if (j > a && has(s, j, D_STREET) && capital(s, j) &&
			    (tok_len(s, j) > 3 || street_abbreviation(s, j)) &&
			    !word_is(s, j, "place") &&
			    !word_is(s, j, "square") && !word_is(s, j, "plaza") &&
			    !word_is(s, j, "close") && !word_is(s, j, "run") &&
			    /* "the new parking garage on Greene Street",
			     * "construction on Charles Street": not in a
			     * text that names no one */
			    !public_place_use(s, i) && names_someone(s)) {
				add_tokens(s, a, j, PHI_ADDRESS, PHI_BLOCK,
				    "address.street_name");
				i = j;
				continue;
			}
		}
		/* "who ran the Harford Road bakery": a street before what
		 * stands on it, with a person near (the public's entrance
		 * or detour otherwise) */
		if (i > 0 && word_is(s, i - 1, "the") && capital(s, i) &&
		    !(i > 1 && has(s, i - 2, D_STREETPREP)) &&
		    !has(s, i, D_STREET | D_NOTNAME | D_MONTH | D_DAY)) {
			size_t j = i;
			while (j < s->n && j < i + 3 && capital(s, j) &&
			    !has(s, j, D_STREET | D_NOTNAME | D_MONTH | D_DAY))
				j++;
			if (j > i && j + 1 < s->n && has(s, j, D_STREET) &&
			    capital(s, j) && tok_len(s, j) > 3 &&
			    s->t[j + 1].kind == TK_WORD &&
			    s->t[j + 1].shape == SH_LOWER &&
			    !has(s, j + 1, D_COPULA | D_PRONOUN | D_PLACEPREP) &&
			    person_near_place(s, i)) {
				add_tokens(s, i, j, PHI_ADDRESS, PHI_BLOCK,
				    "address.street_name");
				i = j;
				continue;
			}
		}
		/* "the crash on I-695": an interstate by its number, as
		 * "Route 1" (rule_labels), where someone is named */
		if (tok_len(s, i) == 1 && s->text[tk->start] == 'I' &&
		    punct(s, i + 1, '-') && adjacent(s, i + 1) &&
		    adjacent(s, i + 2) && s->t[i + 2].kind == TK_NUM &&
		    tok_len(s, i + 2) <= 3 && names_someone(s)) {
			add_tokens(s, i, i + 2, PHI_ADDRESS, PHI_BLOCK,
			    "address.route");
			i += 2;
			continue;
		}
		/* "at the Catonsville clinic", "our Bel Air center": a site
		 * of ours named by its town, where the person near was seen
		 * (with no one near it is the organisation's) */
		{
			/* (the person one of ours or a patient: he, she or
			 * a name in the twelve words around, a relative in
			 * the eight; "Shadow a nurse at our Westminster
			 * hospital" names a role, no one, and "a newborn
			 * nursery" ten words on is a room) */
			size_t e = town_before_site(s, i);
			if (e != (size_t)-1 && (near(s, i, 12, 12, D_PRONOUN, 1) ||
			    near(s, i, 8, 8, D_RELATIVE, 0))) {
				add_tokens(s, i, e, PHI_ADDRESS, PHI_REVIEW,
				    "address.facility");
				i = e;
				continue;
			}
			/* "Tony from Highlandtown", "a 15-year-old from
			 * Sandtown": a word no list knows after "from" and
			 * a person (a neighbourhood the gazetteer lacks) */
			/* ("Mr. Salazar (67) from Highlandtown": the age in
			 * brackets between) */
			size_t who = i > 4 && punct(s, i - 2, ')') &&
			    s->t[i - 3].kind == TK_NUM && punct(s, i - 4, '(') ?
			    i - 5 : i - 2;
			if (i > 1 && s->t[i].flags == 0 && s->t[i].shape == SH_CAP &&
			    tok_len(s, i) >= 5 && !s->t[i].named &&
			    has_vowel_after_first(s, i) &&
			    word_is(s, i - 1, "from") &&
			    ((s->t[who].named &&
			    s->t[who].named != NAMED_STAFF) ||
			    word_is(s, i - 2, "man") || word_is(s, i - 2, "woman") ||
			    (word_is(s, i - 2, "old") && punct(s, i - 3, '-')) ||
			    has(s, i - 2, D_RELATIVE))) {
				add_tokens(s, i, i, PHI_ADDRESS, PHI_BLOCK,
				    "address.place");
				continue;
			}
			/* "visits Walter every week at Brightview Towson": a
			 * name no list knows and a town after it, where a
			 * person is named near: a home or facility by its
			 * brand and branch (review) */
			if (i > 0 && i + 1 < s->n && s->t[i].flags == 0 &&
			    s->t[i].shape == SH_CAP && tok_len(s, i) >= 5 &&
			    !s->t[i].named && has_vowel_after_first(s, i) &&
			    (word_is(s, i - 1, "at") ||
			    word_is(s, i - 1, "to") ||
			    word_is(s, i - 1, "from")) &&
			    s->t[i + 1].shape == SH_CAP &&
			    has(s, i + 1, D_PLACE) && !has(s, i + 1, D_ENGLISH |
			    D_STATE | D_FIRST | D_NOTNAME) &&
			    person_near_place(s, i)) {
				add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_REVIEW,
				    "address.facility");
				i++;
				continue;
			}
			e = town_before_person(s, i);
			if (e != (size_t)-1) {
				add_tokens(s, i, e, PHI_ADDRESS, PHI_BLOCK,
				    "address.resident");
				i = e;
				continue;
			}
		}
		/* "Nadine from Unit 5 of the Harbor View Apartments": a
		 * building people live in, by its name, beside a person */
		if (i > 0 && apartments_word(s, i) && capital(s, i) &&
		    capital(s, i - 1)) {
			/* its name: up to three capitalised words before */
			size_t b = i - 1;
			while (b > 0 && b + 3 > i && capital(s, b - 1))
				b--;
			if (person_near_place(s, b)) {
				size_t a = b;
				if (b >= 4 && word_is(s, b - 1, "the") &&
				    word_is(s, b - 2, "of") &&
				    s->t[b - 3].kind == TK_NUM &&
				    (word_is(s, b - 4, "unit") ||
				    word_is(s, b - 4, "apt") ||
				    word_is(s, b - 4, "apartment")))
					a = b - 4;
				add_tokens(s, a, i, PHI_ADDRESS, PHI_BLOCK,
				    "address.residence");
				continue;
			}
		}
		/* "hit at the corner of Greenmount and 33rd": two streets
		 * that meet, with he, she, a relative or a name near (a
		 * closure for a block party is the public's) */
		if (i > 1 && word_is(s, i - 1, "of") &&
		    word_is(s, i - 2, "corner") &&
		    street_part(s, i) != (size_t)-1) {
			size_t m = street_part(s, i) + 1, e = (size_t)-1;
			if (word_is(s, m, "and") || punct(s, m, '&'))
				e = street_part(s, m + 1);
			if (e != (size_t)-1 && near(s, i, 14, 12, D_PRONOUN |
			    D_RELATIVE, 1)) {
				add_tokens(s, i, e, PHI_ADDRESS, PHI_BLOCK,
				    "address.intersection");
				i = e;
				continue;
			}
		}
		/* "walking her dog around Lake Montebello": a landmark
		 * where someone goes, with he, she, a relative or a name
		 * near ("Walk with a Doc ... at Lake Montebello. All ages
		 * welcome!" is the public's) */
		if (landmark_after_where(s, i) && !s->t[i + 1].named &&
		    near(s, i, 12, 12, D_PRONOUN | D_RELATIVE, 1)) {
			add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_BLOCK,
			    "address.place");
			i++;
			continue;
		}
		/* the Riverside neighborhood, our Eastgate neighbors */
		if (capital(s, i) && !s->t[i].sent_start && has(s, i + 1,
		    D_NEIGHBOR) && !has(s, i, D_ENGLISH | D_ORG | D_NOTNAME |
		    D_STATE) && !public_place_use(s, i - 1)) {
			add_tokens(s, i, i, PHI_ADDRESS, PHI_BLOCK,
			    "address.neighborhood");
			continue;
		}
		/* P.O. Box 123 */
		if ((word_is(s, i, "po") || word_is(s, i, "p")) && capital(s, i)) {
			size_t j = i + 1;
			while (j < s->n && j < i + 4 && (punct(s, j, '.') ||
			    word_is(s, j, "o")))
				j++;
			if (word_is(s, j, "box") && j + 1 < s->n &&
			    s->t[j + 1].kind == TK_NUM) {
				size_t e = j + 1;
				/* ", Millbrook" */
				if (punct(s, e + 1, ',') && capital(s, e + 2) &&
				    !has(s, e + 2, D_STATE))
					e += 2;
				add_tokens(s, i, e, PHI_ADDRESS, PHI_BLOCK,
				    "address.pobox");
				i = e;
				continue;
			}
		}
		/* "returned to new haven", "this towson maryland facility":
		 * places of two words, and a town before its state, written
		 * in lowercase */
		if (s->t[i].shape == SH_LOWER && i > 0 && i + 1 < s->n &&
		    s->t[i + 1].kind == TK_WORD && (word_is(s, i - 1, "to") ||
		    word_is(s, i - 1, "in") || word_is(s, i - 1, "from")) &&
		    near(s, i, 3, 0, D_MOVED | D_PERSON | D_RELATIVE |
		    D_PRONOUN, 0) && (dict_phrase_flags(s, i, i + 1) & D_PLACE)) {
			add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_BLOCK,
			    "address.place");
			i++;
			continue;
		}
		if (s->t[i].shape == SH_LOWER && (s->t[i].flags & D_PLACE) &&
		    !(s->t[i].flags & (D_ENGLISH | D_FIRST | D_STATE)) &&
		    tok_len(s, i) >= 4 && has(s, i + 1, D_STATE) &&
		    tok_len(s, i + 1) >= 4 && s->t[i + 1].shape == SH_LOWER) {
			add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_BLOCK,
			    "address.city");
			i++;
			continue;
		}
		/* "lives in parkville", "moved from towson": a place in
		 * lowercase, right after where someone lives or came from. */
		if ((s->t[i].flags & D_PLACE) && !(s->t[i].flags & (D_ENGLISH |
		    D_FIRST | D_STATE)) && s->t[i].shape == SH_LOWER && i > 1 &&
		    tok_len(s, i) >= 4 && (word_is(s, i - 1, "in") ||
		    word_is(s, i - 1, "from") || word_is(s, i - 1, "to")) &&
		    (word_is(s, i - 2, "lives") || word_is(s, i - 2, "living") ||
		    word_is(s, i - 2, "resides") || word_is(s, i - 2, "moved") ||
		    word_is(s, i - 2, "lived") || word_is(s, i - 2, "home") ||
		    word_is(s, i - 2, "transferred") || word_is(s, i - 2, "is") ||
		    word_is(s, i - 2, "live") || word_is(s, i - 2, "returned") ||
		    /* "lives nearby in rockport" */
		    ((word_is(s, i - 2, "nearby") || word_is(s, i - 2, "by")) &&
		    i > 2 && (word_is(s, i - 3, "lives") || word_is(s, i - 3,
		    "close") || word_is(s, i - 3, "live"))))) {
			add_tokens(s, i, i, PHI_ADDRESS, PHI_BLOCK, "address.place");
			continue;
		}
		if (!capital(s, i) && s->t[i].shape != SH_UPPER)
			continue;
		/* Lincoln Elementary, Oak Hill Middle School (only looked at
		 * when a school word follows within four tokens) */
		int school_ahead = has(s, i + 1, D_SCHOOL) || has(s, i + 2,
		    D_SCHOOL) || has(s, i + 3, D_SCHOOL) || has(s, i + 4, D_SCHOOL);
		if (school_ahead && (!has(s, i, D_SCHOOL | D_ORG | D_STREET |
		    D_REGION | D_STATE | D_NOTNAME) || has(s, i, D_FIRST |
		    D_SURNAME))) {
			size_t j = i, k;
			while (j + 1 < s->n && j < i + 3 && capital(s, j + 1) &&
			    !has(s, j + 1, D_SCHOOL))
				j++;
			k = j + 1;
			if (has(s, k, D_SCHOOL) && capital(s, k) &&
			    !word_is(s, k, "school") && !has(s, i, D_ORG)) {
				size_t e = k;
				if (word_is(s, e + 1, "school") || word_is(s, e + 1,
				    "academy"))
					e++;
				/* "Dulaney High", "Loch Raven High": one or two
				 * names before a bare "High" */
				if (word_is(s, k, "high") && e == k && (has(s, i,
				    D_ENGLISH) || k > i + 2 || (k == i + 2 &&
				    !(s->t[i].shape == SH_CAP &&
				    s->t[i + 1].shape == SH_CAP))))
					goto not_school;
				/* "Our Middle River urgent care": a town whose
				 * name has a school word, after a determiner */
				if (e == k && capital(s, k + 1) &&
				    (dict_phrase_flags(s, k, k + 1) & D_PLACE))
					goto not_school;
				add_tokens(s, i, e, PHI_ADDRESS,
				    school_severity(s, i), "address.school");
				i = e;
				continue;
			}
			if (word_is(s, k, "school") && capital(s, k) &&
			    !has(s, j, D_ORG | D_SCHOOL) && k == i + 1 &&
			    !has(s, i, D_ENGLISH)) {
				add_tokens(s, i, k, PHI_ADDRESS,
				    school_severity(s, i), "address.school");
				i = k;
				continue;
			}
		}
not_school:
		/* Harford County */
		if (has(s, i + 1, D_REGION) && capital(s, i + 1) &&
		    !has(s, i, D_ENGLISH | D_STATE | D_NOTNAME)) {
			size_t a = i;
			if (i > 0 && capital(s, i - 1) && !s->t[i - 1].sent_start &&
			    has(s, i - 1, D_PLACE))
				a = i - 1;
			/* "the Harford County Health Department", "cooling
			 * centers are open across Baltimore County": the
			 * county's own body or where the public is served,
			 * with no person near; or a text that names no one
			 * ("Thank you, Harford County firefighters") */
			if ((capital(s, i + 2) && county_body(s, i + 2) &&
			    !person_near_place(s, i)) ||
			    (a > 1 && public_place_use(s, a - 1)) ||
			    county_workers(s, i + 2) || !names_someone(s)) {
				i++;
				continue;
			}
			add_tokens(s, a, i + 1, PHI_ADDRESS, PHI_BLOCK,
			    "address.county");
			i++;
			continue;
		}
		/* Dundalk, MD / Towson, Maryland / Redwood City, CA 94063 */
		int zip_follows = five_digits(s, i + 3);
		if (punct(s, i + 1, ',') && is_state_token(s, i + 2) &&
		    !has(s, i, D_STATE | D_NOTNAME | D_MONTH | D_DAY) &&
		    (s->t[i].shape == SH_CAP || zip_follows) &&
		    ((has(s, i, D_PLACE) && tok_len(s, i) >= 3) || zip_follows ||
		    (i > 0 && capital(s, i - 1) &&
		    (dict_phrase_flags(s, i - 1, i) & D_PLACE)))) {
			size_t a = i;
			if (i > 0 && capital(s, i - 1) && !s->t[i - 1].sent_start &&
			    !has(s, i - 1, D_PLACEPREP))
				a = i - 1;
			add_tokens(s, a, i, PHI_ADDRESS, PHI_BLOCK, "address.city");
			continue;
		}
		/* from Catonsville, in Silver Spring, near Glen Burnie (not
		 * where a conference meets) */
		if (i > 0 && has(s, i - 1, D_PLACEPREP) && !has(s, i, D_STATE |
		    D_NOTNAME | D_MONTH | D_DAY | D_ORG) &&
		    (given_name_alone(s, i) || names_someone(s)) &&
		    !event_before(s, i - 1) && !organisation_of(s, i - 1)) {
			size_t e = i;
			uint32_t f = s->t[i].flags;
			/* "IN MILFORD MILL": in capitals the case of each
			 * word matches the first one */
			if (i + 2 < s->n && (capital(s, i + 2) ||
			    s->t[i + 2].shape == s->t[i].shape) &&
			    (dict_phrase_flags(s, i, i + 2) & D_PLACE))
				e = i + 2, f = D_PLACE;
			else if (i + 1 < s->n && (capital(s, i + 1) ||
			    s->t[i + 1].shape == s->t[i].shape) &&
			    (dict_phrase_flags(s, i, i + 1) & D_PLACE))
				e = i + 1, f = D_PLACE;
			/* "Surgeon from Harbor in this eve": a place that is
			 * also a word, capitalised mid-sentence after "from",
			 * or where someone lives or was hurt ("her home in
			 * Arbutus", "a crash in Laurel") */
			int capital_word = e == i && (f & D_ENGLISH) &&
			    s->t[i].shape == SH_CAP && !s->t[i].sent_start &&
			    !s->upper_doc && tok_len(s, i) >= 5 &&
			    (word_is(s, i - 1, "from") ||
			    (home_or_incident_before(s, i - 1) &&
			    names_someone(s)));
			if ((f & D_PLACE) && (!(f & D_ENGLISH && e == i) ||
			    capital_word) &&
			    !has(s, e + 1, D_ORG | D_SCHOOL) &&
			    /* "from Barnes & Noble": a brand (lexicon) */
			    !public_name(s, i, e) &&
			    !(e == i && clinical_abbrev(s, i)) &&
			    !((f & D_FIRST) && e == i && !word_is(s, i - 1,
			    "in") && !word_is(s, i - 1, "from")) &&
			    !public_place_use(s, i - 1) &&
			    /* "visited 2,400 patients in Odenton" */
			    !people_counted_before(s, i, 6)) {
				add_tokens(s, i, e, PHI_ADDRESS, PHI_BLOCK,
				    "address.place");
				i = e;
				size_t c = coordinated_place(s, e);
				if (c != (size_t)-1) {
					add_tokens(s, e + 2, c, PHI_ADDRESS,
					    PHI_BLOCK, "address.place");
					i = c;
				}
				continue;
			}
		}
	}
	/* transferred from / to <Name> Hospital */
	for (size_t i = 0; i + 3 < s->n; i++) {
		if (!(s->t[i].flags & (D_MOVED | D_STREETPREP | D_PLACEPREP)))
			continue;
		if (!has(s, i, D_MOVED) && !((word_is(s, i, "at") ||
		    word_is(s, i, "from")) && i + 2 < s->n &&
		    (capital(s, i + 1) || s->t[i + 1].shape == SH_UPPER) &&
		    (word_is(s, i + 2, "hospital") || word_is(s, i + 2, "hosp") ||
		    word_is(s, i + 2, "rehab") || word_is(s, i + 3, "hospital") ||
		    word_is(s, i + 3, "hosp") || word_is(s, i + 3, "rehab"))))
			continue;
		/* "transferred (in) from/to X", or "at/from X Hospital" */
		size_t j = i;
		if (has(s, i, D_MOVED)) {
			j = i + 1;
			if (word_is(s, j, "in"))
				j++;
			if (!(word_is(s, j, "from") || word_is(s, j, "to")))
				continue;
		}
		j++;
		if (word_is(s, j, "the"))
			j++;
		size_t a = j;
		while (j < s->n && j < a + 4 && (capital(s, j) ||
		    s->t[j].shape == SH_UPPER || (s->upper_doc == 0 &&
		    s->t[j].shape == SH_LOWER && !has(s, j, D_ENGLISH))) &&
		    !has(s, j, D_ORG) && !word_is(s, j, "rehab") &&
		    !word_is(s, j, "regional") && !word_is(s, j, "hosp"))
			j++;
		if (j > a && (has(s, j, D_ORG) || word_is(s, j, "rehab") ||
		    word_is(s, j, "regional") || word_is(s, j, "hosp"))) {
			add_tokens(s, a, j, PHI_ADDRESS, PHI_REVIEW,
			    "address.facility");
			continue;
		}
		if (!has(s, i, D_MOVED) || a >= s->n || s->t[a].kind != TK_WORD ||
		    has(s, a, D_ENGLISH | D_STATE | D_PRONOUN | D_ORG))
			continue;
		/* "transferred to quartermain 3" (a ward and its number),
		 * "sent to GH" (a facility's initials) */
		if (a + 1 < s->n && s->t[a + 1].kind == TK_NUM &&
		    tok_len(s, a + 1) <= 2)
			add_tokens(s, a, a + 1, PHI_ADDRESS, PHI_REVIEW,
			    "address.ward");
		else if (s->t[a].kind == TK_WORD && tok_len(s, a) >= 2 &&
		    tok_len(s, a) <= 5 && (s->t[a].shape == SH_UPPER ||
		    (s->upper_doc == 0 && s->t[a].shape == SH_LOWER &&
		    tok_len(s, a) <= 3)) && !hospital_unit(s, a))
			add_tokens(s, a, a, PHI_ADDRESS, PHI_REVIEW,
			    "address.facility");
	}
}

/* Credentials written after a clinician's name ("irene snell, rn",
 * "q. lander rrt", "florencia cooke np", "barbara j. parrilli bsn/rn"). */
/* The token's text in lowercase into buf (NUL-terminated) when it is a
 * word of at most size - 1 bytes; its length, or 0. */
static size_t
lower_word(const struct scan *s, size_t i, char *buf, size_t size)
{
	if (i >= s->n || s->t[i].kind != TK_WORD)
		return 0;
	size_t n = tok_len(s, i);
	if (n == 0 || n >= size)
		return 0;
	memcpy(buf, s->lt + s->t[i].start, n);
	buf[n] = '\0';
	return n;
}

/* The credentials written after a clinician's name and the roles written
 * before one, each listed once for staff_credential and staff_title and
 * for the candidate tests of rule_staff_names (WORD_SET). */
#define CREDENTIAL_WORDS(X) X("rn") X("np") X("md") X("rrt") X("lpn") \
    X("msw") X("bsn") X("cnm") X("rph") X("crt") X("crna") X("crnp") \
    X("lcsw") X("aprn") X("licsw") X("licws") X("pharmd")
#define STAFF_TITLE_WORDS(X) X("dr") X("ho") X("sw") X("nurse") X("fellow") \
    X("intern") X("worker") X("resident") X("attending") X("therapist") \
    X("chaplain") X("caseworker") X("coordinator")
#define CREDENTIALS WORD_SET(CREDENTIAL_WORDS)
#define STAFF_TITLES WORD_SET(STAFF_TITLE_WORDS)

/* A credential written after a clinician's name (RN, MD, PharmD …). */
static int
staff_credential(const struct scan *s, size_t i)
{
	static const char *const words[] = WORD_LIST(CREDENTIAL_WORDS);
	return i < s->n && s->t[i].kind == TK_WORD &&
	    word_in_set(s, i, CREDENTIALS, words);
}

/* Titles and roles written before a clinician's name in notes ("np
 * wolfe", "nurse leslie kiezulas", "caseworker leona labowich", "ho
 * schwarz", "dr. john bowman"). */
static int
staff_title(const struct scan *s, size_t i)
{
	static const char *const words[] = WORD_LIST(STAFF_TITLE_WORDS);
	return i < s->n && s->t[i].kind == TK_WORD &&
	    word_in_set(s, i, STAFF_TITLES, words);
}

/* 1 when token i can be (part of) a person's name in a note written in
 * one case: a known given name or surname, or a word that is not English;
 * never a verb, a function word or a unit. */
static int
staff_name_word(const struct scan *s, size_t i)
{
	static const char *const stop[] = { "per", "by", "to", "with", "pt", "np", "pa",
	    "and", "aware", "called", "notified", "paged", "the", "was", "is",
	    "in", "at", "of", "on", "for", "from", "spoke", "into", "eval",
	    "team", "service", "here", "also", "who", "will", "has", "had",
	    "see", "note", "notes", "pm", "am", "s", "re", "ostomy", "stoma",
	    "wound", "skin", "charge", "day", "night", "floor", NULL };
	if (i >= s->n || s->t[i].kind != TK_WORD)
		return 0;
	if (word_in(s, i, stop))
		return 0;
	if (has(s, i, D_MONTH | D_DAY | D_STATE | D_PRONOUN | D_CLIN |
	    D_TITLE | D_RELATIVE | D_NOTNAME | D_ORG) || hospital_unit(s, i) ||
	    staff_credential(s, i))
		return 0;
	/* an ordinary word is never taken for a name here ("pa line",
	 * "strong np cough"): in these notes case says nothing */
	return !has(s, i, D_ENGLISH) && tok_len(s, i) >= 3;
}

/* One name part starting at i: a word, an initial ("j."), or an O'/D'
 * name ("o'hara"). Returns the index after it, or i when none. */
static size_t
staff_name_part(const struct scan *s, size_t i)
{
	if (i + 2 < s->n && s->t[i].kind == TK_WORD && tok_len(s, i) == 1 &&
	    (word_is(s, i, "o") || word_is(s, i, "d")) && punct(s, i + 1, '\'') &&
	    adjacent(s, i + 1) && adjacent(s, i + 2) &&
	    s->t[i + 2].kind == TK_WORD)
		return i + 3;
	if (i + 1 < s->n && s->t[i].kind == TK_WORD && tok_len(s, i) == 1 &&
	    punct(s, i + 1, '.') && adjacent(s, i + 1))
		return i + 2;
	return staff_name_word(s, i) ? i + 1 : i;
}

/* A surname after "Dr"/"NP" or an initial: a known name or a word that
 * is not English, never a function word, a unit or a catheter. */
static int
staff_surname(const struct scan *s, size_t i)
{
	static const char *const stop[] = { "aware", "notified", "called",
	    "paged", "foley", "line", "office", "orders", "order", "note",
	    "notes", "team", "service", "said", "states", "stated", "here",
	    "in", "on", "at", "to", "and", "the", "was", "is", "will", "has",
	    "had", "with", "per", "for", "of", "re", "pt", "cath", "swan",
	    "nasal", "prongs", "cannula", "sat", "sats", NULL };
	if (word_in(s, i, stop))
		return 0;
	if (has(s, i, D_MONTH | D_DAY | D_STATE | D_PRONOUN | D_CLIN |
	    D_TITLE | D_RELATIVE | D_NOTNAME | D_ORG | D_UNIT) ||
	    hospital_unit(s, i) || staff_credential(s, i))
		return 0;
	return has(s, i, D_SURNAME | D_FIRST) || !has(s, i, D_ENGLISH);
}

/* Words that follow a clinician in a hand-off: "E. WELSH AWARE". */
static int
staff_after(const struct scan *s, size_t i)
{
	static const char *const after[] = { "aware", "ordered", "called",
	    "notified", "paged", "said", "states", "spoke", "rrt", "rn", "md",
	    "np", "pa", NULL };
	if (punct(s, i, ':') || (punct(s, i, '-') && adjacent(s, i)))
		return 1;
	if (i < s->n && s->t[i].kind == TK_WORD && word_is(s, i, "in") &&
	    word_is(s, i + 1, "to"))
		return 1;
	return word_in(s, i, after);
}

/* Clinicians named in notes written all in lowercase or all in capitals,
 * where the capital letter of a name says nothing: a name directly before
 * a credential, or directly after a role. Review findings (staff names
 * identify the patient only through the care they gave). */
/* A word that may be a credential (name.clinician after a name): its
 * bit in CREDENTIALS is set. */
static int
starts_credential(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	(void)s;
	return (t->kind == TK_WORD) & (len >= 2) & (len <= 6) &
	    ((CREDENTIALS & BLOOM_BIT(t->key)) != 0);
}

/* An initial, or "dr", "drs", "np" (name.clinician after a title). */
static int
starts_doctor_or_initial(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	(void)s;
	return (t->kind == TK_WORD) & ((len == 1) |
	    (t->key == literal_key("dr", 2)) | (t->key == literal_key("drs", 3)) |
	    (t->key == literal_key("np", 2)));
}

/* A word that may be a role before a name: its bit in STAFF_TITLES is
 * set (staff_title). */
static int
starts_staff_title(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	(void)s;
	return (t->kind == TK_WORD) & (len >= 2) & (len <= 11) &
	    ((STAFF_TITLES & BLOOM_BIT(t->key)) != 0);
}

static void
rule_staff_names(struct scan *s)
{
	for (size_t k = cand_next(s, CP_CREDENTIAL, 0); k < s->n; k = cand_next(s, CP_CREDENTIAL, k)) {
		/* cheap test first: a name (or its comma) comes right before */
		size_t pv = punct(s, k - 1, ',') || punct(s, k - 1, '/') ?
		    k - 2 : k - 1;
		if (pv >= s->n || s->t[pv].kind != TK_WORD ||
		    (has(s, pv, D_ENGLISH) && !punct(s, k - 1, '/')))
			continue;
		/* "MD'S AWARE" is a doctor, not a name before a credential;
		 * "Towson, Md." is a town and its state */
		if (!staff_credential(s, k) || s->t[k].named ||
		    punct(s, k + 1, '\'') || (s->t[k].shape == SH_CAP &&
		    word_is(s, k, "md") && punct(s, k - 1, ',') &&
		    has(s, pv, D_PLACE)) ||
		    /* "Baltimore, MD 21201": a state before its ZIP */
		    (word_is(s, k, "md") && punct(s, k - 1, ',') &&
		    five_digits(s, k + 1)))
			continue;
		/* "bsn/rn": the credential pair counts as one */
		size_t end = k;
		if (k >= 2 && punct(s, k - 1, '/') && staff_credential(s, k - 2))
			end = k - 2;
		size_t b = end;
		if (b > 0 && punct(s, b - 1, ','))
			b--;
		/* walk back over up to three name parts */
		size_t a = b, parts = 0, long_parts = 0;
		while (a > 0 && parts < 3) {
			size_t try = a - 1, from = try;
			/* an initial "j." or a name "o'hara" ends at a-1 */
			if (punct(s, try, '.') && try > 0 && tok_len(s, try - 1) == 1)
				from = try - 1;
			else if (try >= 2 && punct(s, try - 1, '\''))
				from = try - 2;
			if (staff_name_part(s, from) != a)
				break;
			if (tok_len(s, a - 1) >= 3)
				long_parts++;
			parts++;
			a = from;
		}
		if (parts == 0 || long_parts == 0 || a == b)
			continue;
		add_tokens(s, a, b - 1, PHI_NAME, PHI_REVIEW, "name.clinician");
	}
	/* "DR TYRO", "NP WOLFE", "drs joseph and robbinson", "per E. WELSH",
	 * "Z. MILLER AWARE": after a doctor's or nurse practitioner's title,
	 * or an initial in a hand-off, a surname may be an English word */
	for (size_t i = cand_next(s, CP_DOCTOR_OR_INITIAL, (size_t)-1); i + 1 < s->n;
	    i = cand_next(s, CP_DOCTOR_OR_INITIAL, i)) {
		/* cheap test first: a name or ". name" follows */
		size_t nx = punct(s, i + 1, '.') ? i + 2 : i + 1;
		if (nx >= s->n || s->t[nx].kind != TK_WORD ||
		    (has(s, nx, D_ENGLISH) && !has(s, nx, D_SURNAME | D_FIRST)))
			continue;
		int dr = word_is(s, i, "dr") || word_is(s, i, "drs") ||
		    word_is(s, i, "np");
		size_t a = i + 1;
		if (dr && punct(s, a, '.'))
			a++;
		int initial = !dr && s->t[i].kind == TK_WORD && tok_len(s, i) == 1 &&
		    s->t[i].space_before && punct(s, i + 1, '.') &&
		    adjacent(s, i + 1) && i + 2 < s->n && s->t[i + 2].space_before;
		if (initial)
			a = i + 2;
		if ((!dr && !initial) || a >= s->n || s->t[a].kind != TK_WORD ||
		    s->t[a].named || tok_len(s, a) < 3 || !staff_surname(s, a))
			continue;
		/* on the same line as the title or the initial */
		if (memchr(s->text + s->t[i].end, '\n', s->t[a].start -
		    s->t[i].end) != NULL)
			continue;
		/* "4L NP good breath sounds": after NP only a real name */
		if (word_is(s, i, "np") && (has(s, a, D_ENGLISH) ||
		    tok_len(s, a) < 4))
			continue;
		if (initial && !(i > 0 && (word_is(s, i - 1, "per") ||
		    word_is(s, i - 1, "with") || word_is(s, i - 1, "by") ||
		    word_is(s, i - 1, "to") || word_is(s, i - 1, "called") ||
		    word_is(s, i - 1, "paged"))) && !staff_after(s, a + 1))
			continue;
		/* all-caps or lowercase notes only */
		if (s->upper_doc == 0 && capital(s, a))
			continue;
		add_tokens(s, initial ? i : a, a, PHI_NAME, PHI_REVIEW,
		    "name.clinician");
		i = a;
	}
	for (size_t i = cand_next(s, CP_STAFF_TITLE, (size_t)-1); i + 1 < s->n;
	    i = cand_next(s, CP_STAFF_TITLE, i)) {
		/* cheap test first: a word that is not English follows */
		size_t nx = punct(s, i + 1, '.') ? i + 2 : i + 1;
		if (nx >= s->n || s->t[nx].kind != TK_WORD ||
		    has(s, nx, D_ENGLISH) || !staff_title(s, i))
			continue;
		size_t a = i + 1;
		/* "dr. bowman"; after any other role a dot or comma ends
		 * the sentence or the list ("seen by the fellow. heparin") */
		if (punct(s, a, '.') && word_is(s, i, "dr"))
			a++;
		size_t e = a, parts = 0;
		while (parts < 3) {
			size_t next = staff_name_part(s, e);
			if (next == e)
				break;
			e = next;
			parts++;
		}
		if (parts == 0 || (parts == 1 && tok_len(s, a) < 3))
			continue;
		/* all-caps or lowercase notes only: elsewhere the name rules
		 * see the capital letters */
		if (s->upper_doc == 0 && capital(s, a))
			continue;
		add_tokens(s, a, e - 1, PHI_NAME, PHI_REVIEW, "name.clinician");
		i = e - 1;
	}
}

/* The words facility_word knows, first words of two-word names too: a
 * word added to facility_word must be added here, or it is never found. */
#define FACILITY_WORDS (BLOOM_WORD("hosp") | BLOOM_WORD("hospital") | \
    BLOOM_WORD("hospitals") | BLOOM_WORD("hospiatal") | \
    BLOOM_WORD("rehab") | BLOOM_WORD("va") | BLOOM_WORD("campus") | \
    BLOOM_WORD("memorial") | BLOOM_WORD("medical") | BLOOM_WORD("med") | \
    BLOOM_WORD("adventist") | BLOOM_WORD("assisted") | \
    BLOOM_WORD("baptist") | BLOOM_WORD("nursing"))

/* 1 for a word that names a kind of facility after its own name
 * ("Holy Cross hospital", "Kessler rehab", "Baltimore VA"), 2 for one
 * that is also part of the name ("Union Memorial"), 0 otherwise. */
static int
facility_word(const struct scan *s, size_t i)
{
	if (i >= s->n || s->t[i].kind != TK_WORD ||
	    !(FACILITY_WORDS & BLOOM_BIT(s->t[i].key)))
		return 0;
	switch (s->lt[s->t[i].start]) {
	case 'h':
		return word_is(s, i, "hosp") || word_is(s, i, "hospital") ||
		    word_is(s, i, "hospitals") || word_is(s, i, "hospiatal");
	case 'r':
		return word_is(s, i, "rehab");
	case 'v':
		return word_is(s, i, "va");
	case 'c':
		return word_is(s, i, "campus");
	case 'm':
		if (word_is(s, i, "memorial"))
			return 2;
		/* "Medical Center", "Med Ctr" */
		return (word_is(s, i, "medical") || word_is(s, i, "med")) &&
		    (word_is(s, i + 1, "center") || word_is(s, i + 1, "centre") ||
		    word_is(s, i + 1, "ctr"));
	case 'a':
		/* "Kessler Adventist": a hospital network's name */
		if (word_is(s, i, "adventist"))
			return 2;
		return word_is(s, i, "assisted") && word_is(s, i + 1, "living");
	case 'b':
		return word_is(s, i, "baptist") ? 2 : 0;
	case 'n':
		return word_is(s, i, "nursing") && (word_is(s, i + 1, "home") ||
		    word_is(s, i + 1, "facility"));
	default:
		return 0;
	}
}

/* Words that can stand between a preposition and a facility word without
 * being its name: "to the hospital", "at our rehab", "in a nursing home". */
static int
facility_filler(const struct scan *s, size_t i)
{
	static const char *const fill[] = { "the", "a", "an", "our", "his",
	    "her", "their", "my", "your", "its", "this", "that", "local",
	    "another", "other", "same", "nearby", "outside", "area", "new",
	    "community", "children", "childrens", "general", "state", "county",
	    "city", "university", "teaching", "regional", "veterans", "any",
	    "which", "what", "one", "each", "every", NULL };
	if (word_in(s, i, fill))
		return 1;
	return hospital_unit(s, i);
}

/* 1 when token i can be part of a facility's name: not a verb or a
 * function word ("to be transferred to rehab", "oriented to name and
 * hospital"), and in lowercase writing not an ordinary English word unless
 * it is one hospitals are commonly named with. */
static int
facility_name_ok(const struct scan *s, size_t i)
{
	static const char *const stop[] = { "and", "or", "for", "if", "to",
	    "be", "is", "was", "were", "will", "not", "back", "out", "been",
	    "am", "pm", "get", "go", "see", "leave", "start", "visit",
	    "explain", "participate", "consult", "cont", "continue", "ready",
	    "return", "need", "needs", "require", "plan", "prior", "prev",
	    "previous", "baseline", "basic", "stay", "name", "self", "while",
	    "when", "then", "with", "at", "in", "by", "from", "on", "per",
	    "via", "after", "before", "until", "into", "onto", "as", "so",
	    NULL };
	static const char *const namey[] = { "sacred", "heart", "holy", "cross",
	    "union", "good", "samaritan", "mercy", "hope", "grace", "st",
	    "saint", "mary", "marys", "shore", "harbor", "square", "mount",
	    "mt", NULL };
	if (word_in(s, i, stop) || has(s, i, D_MOVED | D_PRONOUN))
		return 0;
	if (word_in(s, i, namey))
		return 1;
	size_t n = tok_len(s, i);
	const char *t = s->text + s->t[i].start;
	if (n >= 5 && has(s, i, D_ENGLISH) && ((lower((unsigned char)t[n - 3])
	    == 'i' && lower((unsigned char)t[n - 2]) == 'n' &&
	    lower((unsigned char)t[n - 1]) == 'g') ||
	    (lower((unsigned char)t[n - 2]) == 'e' &&
	    lower((unsigned char)t[n - 1]) == 'd')))
		return 0;
	return !(s->t[i].shape == SH_LOWER && has(s, i, D_ENGLISH));
}

/* Names that say "hospital" on their own after a place preposition:
 * a saint ("to St. Mary's", "at St Agnes", "@ St A.") and the religious
 * names hospitals across the country share ("Sacred Heart", "Holy Cross",
 * "Good Samaritan"). a..j are the words after the preposition. */
static int
facility_named_alone(const struct scan *s, size_t a, size_t j)
{
	while (a < j && s->t[a].kind == TK_WORD && word_is(s, a, "the"))
		a++;
	if (a >= j)
		return 0;
	if (word_is(s, a, "st") || word_is(s, a, "saint")) {
		size_t k = a + 1;
		if (punct(s, k, '.'))
			k++;
		/* a saint's name, not "NSR to ST HR" (sinus tachycardia) */
		return k < s->n && s->t[k].kind == TK_WORD &&
		    (has(s, k, D_FIRST) || (capital(s, k) &&
		    !has(s, k, D_ENGLISH))) && !hospital_unit(s, k) &&
		    tok_len(s, k) >= 3;
	}
	return (word_is(s, a, "sacred") && word_is(s, a + 1, "heart")) ||
	    (word_is(s, a, "holy") && word_is(s, a + 1, "cross")) ||
	    (word_is(s, a, "good") && (word_is(s, a + 1, "samaritan") ||
	    (word_is(s, a + 1, "sam") && capital(s, a))));
}

/* "will return to Baltimore", "went back to Towson": a town after
 * travelling to it (other prepositions are handled with the places). */
static void
place_after_travel(struct scan *s, size_t i)
{
	static const char *const travel[] = { "return", "returned",
	    "returning", "go", "going", "went", "goes", "moved", "move",
	    "moving", "drive", "drove", "driving", "fly", "flew", "flying",
	    "travel", "traveled", "travelled", "back", "relocated", "home",
	    NULL };
	size_t k = i + 1;
	/* cheap tests first: a town after "to" */
	if (i == 0 || k >= s->n || !word_is(s, i, "to") ||
	    !(capital(s, k) || s->t[k].shape == SH_UPPER))
		return;
	/* "home to Bel Air", "back to Glen Burnie": a known town of two
	 * words, whole */
	int two = capital(s, k + 1) && !has(s, k, D_STATE | D_MONTH | D_DAY) &&
	    (has(s, k, D_PLACE) || s->t[k].flags == 0 ||
	    (s->t[k].flags & (D_FIRST | D_SURNAME | D_ENGLISH))) &&
	    (dict_phrase_flags(s, k, k + 1) & D_PLACE);
	if (!(s->t[k].flags & D_PLACE) && !two)
		return;
	int moving = has(s, i - 1, D_MOVED) || word_in(s, i - 1, travel);
	/* "we drove to Ellicott City for the fair": a text that names no
	 * one (anyone_named) */
	if (moving && !names_someone(s))
		return;
	if (two && moving) {
		add_tokens(s, k, k + 1, PHI_ADDRESS, PHI_BLOCK, "address.place");
		return;
	}
	/* "went to Harbor": a place that is also a word, capitalised in
	 * the middle of a sentence */
	int capital_word = has(s, k, D_ENGLISH) && s->t[k].shape == SH_CAP &&
	    !s->t[k].sent_start && !s->upper_doc;
	if (!moving || !(s->t[k].flags & D_PLACE) || has(s, k, D_STATE |
	    D_MONTH | D_DAY | D_ORG) || (has(s, k, D_ENGLISH) &&
	    !capital_word) || !(capital(s, k) ||
	    s->t[k].shape == SH_UPPER) || tok_len(s, k) < 4)
		return;
	add_tokens(s, k, k, PHI_ADDRESS, PHI_BLOCK, "address.place");
}

static int
blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* "transferred to Kimbrough", "c/o to quartermain if stable", "taken to
 * Bayview": after a move to or from somewhere, a word the word table
 * does not know (not English, not a name, not a drug we can tell) is the
 * place. Review. */
static int
moved_to_unknown(struct scan *s, size_t i)
{
	size_t k = i + 1;
	/* "transferred to 209 quartermain" */
	if (k + 1 < s->n && s->t[k].kind == TK_NUM && tok_len(s, k) <= 4)
		k++;
	if (!(word_is(s, i, "to") || word_is(s, i, "from") ||
	    word_is(s, i, "into")) || k >= s->n || i == 0 ||
	    s->t[k].kind != TK_WORD || s->t[k].flags != 0 || s->t[k].named ||
	    tok_len(s, k) < 5 || !has_vowel_after_first(s, k) ||
	    hospital_unit(s, k) || clinical_abbrev(s, k))
		return 0;
	int moved = has(s, i - 1, D_MOVED) || word_is(s, i - 1, "transfer") ||
	    word_is(s, i - 1, "tx") || word_is(s, i - 1, "o") ||
	    word_is(s, i - 1, "trans") || word_is(s, i - 1, "arrival");
	if (!moved)
		return 0;
	add_tokens(s, k, k, PHI_ADDRESS, PHI_REVIEW, "address.moved");
	return 1;
}

/* Token i ends "works for", "works at", "employed by", "CEO of",
 * "retired from", "his business": an employer's name follows. */
static int
employer_cue(const struct scan *s, size_t i)
{
	if (i == 0 || s->t[i].kind != TK_WORD || tok_len(s, i) > 8 ||
	    tok_len(s, i) < 2)
		return 0;
	switch (s->lt[s->t[i].start]) {
	case 'f': case 'a': case 'b': case 'c': case 'o':
		break;
	default:
		return 0;
	}
	/* "works at", "back at work at", "returned to work at", "her
	 * job at" */
	if (word_is(s, i, "for") || word_is(s, i, "at"))
		return word_is(s, i - 1, "works") || word_is(s, i - 1, "worked") ||
		    word_is(s, i - 1, "working") || (i > 1 &&
		    word_is(s, i - 1, "work") && (word_is(s, i - 2, "at") ||
		    word_is(s, i - 2, "to"))) || (i > 1 &&
		    word_is(s, i - 1, "job") && has(s, i - 2, D_PRONOUN));
	if (word_is(s, i, "by"))
		return word_is(s, i - 1, "employed");
	if (word_is(s, i, "of"))
		return word_is(s, i - 1, "ceo") || word_is(s, i - 1, "owner") ||
		    word_is(s, i - 1, "president") || word_is(s, i - 1, "founder");
	if (word_is(s, i, "business") || word_is(s, i, "company"))
		return has(s, i - 1, D_PRONOUN);
	return 0;
}

/* Abbreviations notes and posts use for units, tests, lines, settings,
 * schedules and national bodies: after "to" or "from" they are not a
 * hospital's initials. */
static int
clinical_abbrev(const struct scan *s, size_t i)
{
	/* sorted: searched by bisection */
	static const char *const abbr[] = {
	    "abg", "ac", "acs", "ada", "af", "afib", "aha", "alf", "am", "ama",
	    "ams", "angio", "aprv", "bbb", "bg", "bid", "bipap", "bp", "br", "bs", "bsc", "cabg",
	    "cards", "cbc", "cc", "cdc", "chb", "chf", "ci", "cmo", "cms", "co",
	    "cpap", "crrt", "ctscan", "cv", "cva", "cvp", "cvvh", "cvvhd", "cxr",
	    "dbp", "derm", "dic", "dni", "dnr", "dvt", "ecg", "echo", "ecmo", "eeg",
	    "egd", "ekg", "emg", "ems", "emt", "endo", "english", "ent", "ep",
	    "eps", "ercp", "ett", "eu", "fda", "ffp", "fm", "foley", "fs", "gd",
	    "gi", "gtt", "gtts", "gu", "gyn", "hct", "hd", "hhs", "hmo", "ho",
	    "hob", "hr", "hs", "iabp", "id", "ij", "im", "imv", "inr", "iv", "ivf",
	    "ivp", "ivpb", "kub", "kvo", "l&d", "la", "lad", "lcs", "lcx", "ldr",
	    "lij", "lima", "lis", "lm", "lr", "lsc", "ltac", "ltach", "ltc", "lvad",
	    "lws", "mae", "map", "md", "mi", "mn", "nad", "nc", "nd", "neuro",
	    "ngt", "nhs", "nih", "nitro", "np", "npo", "nrb", "ns", "nsr", "nt",
	    "nyc", "ob", "ogt", "ok", "om", "onc", "oob", "or", "ortho", "ot", "pa",
	    "pca", "pci", "pcp", "pcu", "pda", "pe", "peg", "pheresis", "picc",
	    "plt", "pm", "pmd", "pnd", "po", "ppo", "pr", "prbc", "prn", "prvc",
	    "ps", "psv", "psvt", "pt", "ptca", "ptt", "pulm", "qd", "qhs", "qid",
	    "quinton", "ra", "rca", "rehab", "renal", "rf", "rij", "rn", "rr",
	    "rsc", "rt", "sb", "sbp", "sc", "simv", "slp", "snf", "spanish", "sq",
	    "sr", "st", "stepdown", "surg", "svg", "svr", "svt", "sxn", "tcu",
	    "tee", "tele", "tf", "tfs", "tia", "tid", "tko", "tlc", "tm", "tol",
	    "tte", "tv", "ua", "uk", "un", "uo", "uop", "us", "usa", "uti", "vad",
	    "vbg", "vf", "vna", "vt", "wbc", "ymca",
	};
	char w[12];
	size_t n = lower_word(s, i, w, sizeof(w));
	if (n == 0)
		return 0;
	size_t lo = 0, hi = sizeof(abbr) / sizeof(abbr[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(abbr[mid], w);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* "transferred to GH", "ADM FROM GBMC", "med flighted to GH", "enroute
 * to gh er": a hospital named by its initials, moved to or from, or with
 * one of its departments after it. The initials must be unknown to the
 * word table and not an abbreviation notes use for something else. A
 * review finding, carried to the other mentions by rule_repeats. */
static int
facility_initials(struct scan *s, size_t i)
{
	static const char *const moves[] = { "tx", "trans", "adm", "referred",
	    "flighted", "medflight", "medflighted", "came", "come", "coming",
	    "transfer", "transfering", "transferring", "admit", "retired",
	    "enroute", "leave", "go", "seen", "followed", "arrival", NULL };
	size_t k = i + 1;
	if (word_is(s, k, "the"))
		k++;
	if (k >= s->n || s->t[k].kind != TK_WORD || s->t[k].flags != 0 ||
	    s->t[k].named)
		return 0;
	size_t len = tok_len(s, k);
	if (len < 2 || len > 5)
		return 0;
	if (s->t[k].shape != SH_UPPER && !(s->t[k].shape == SH_LOWER &&
	    !has_vowel_after_first(s, k) && strchr("aeiou",
	    lower((unsigned char)s->text[s->t[k].start])) == NULL))
		return 0;
	if (hospital_unit(s, k) || clinical_abbrev(s, k))
		return 0;
	/* "a consult from the GBMC", "seen by GBMC nurse", "W/U BY GBMC
	 * FOR": initials with "the" after "from", or after "by" before a
	 * clinician or a purpose */
	/* (in a post that names no one, "an award from the AACN" is a
	 * body's) */
	int moved = (word_is(s, i, "from") && k == i + 2 &&
	    names_someone(s)) ||
	    (word_is(s, i, "by") && k + 1 < s->n && (has(s, k + 1, D_CLIN) ||
	    word_is(s, k + 1, "for") || staff_title(s, k + 1)));
	for (size_t b = i; b-- > 0 && b + 3 > i && !moved;) {
		moved = has(s, b, D_MOVED) || word_in(s, b, moves);
	}
	int dept = k + 1 < s->n && s->t[k + 1].kind == TK_WORD &&
	    (hospital_unit(s, k + 1) || word_is(s, k + 1, "cath"));
	/* "had blasts on diff at GH.", "followed by the CHF team at GH,":
	 * initials after "at" that end the clause */
	int host = punct(s, k + 1, '.') && adjacent(s, k + 1) &&
	    k + 2 < s->n && adjacent(s, k + 2) &&
	    s->t[k + 2].kind != TK_PUNCT; /* "at www.example.org" */
	if (!moved && word_is(s, i, "at") && k == i + 1 &&
	    (s->t[k].shape == SH_UPPER || (s->t[k].shape == SH_LOWER &&
	    !s->upper_doc)) && k + 1 < s->n && !host &&
	    (punct(s, k + 1, '.') || punct(s, k + 1, ',') ||
	    punct(s, k + 1, ')')))
		moved = 1;
	/* "I'm in GH", "knows he is in GH": where a person says they are */
	if (!moved && (word_is(s, i, "in") || word_is(s, i, "at")) && i > 0 &&
	    (word_is(s, i - 1, "m") || word_is(s, i - 1, "is") ||
	    word_is(s, i - 1, "am") || word_is(s, i - 1, "was")) &&
	    near(s, i, 4, 0, D_PRONOUN, 0) + (i > 1 && punct(s, i - 2, '\'')))
		moved = 1;
	if (!moved && !dept)
		return 0;
	add_tokens(s, k, k, PHI_ADDRESS, PHI_REVIEW, "address.initials");
	return 1;
}

/* "transferred to quartermain 2", "on Quartermain 6", "admitted to
 * QUARTERMAIN7": a ward or building named by a word that is not English
 * and carries a floor or ward number. Review (the hospital's own wards
 * belong on the allow-list). 1 when a finding was made. */
static int
ward_after(struct scan *s, size_t i)
{
	size_t k = i + 1;
	if (!(word_is(s, i, "to") || word_is(s, i, "on") || word_is(s, i, "at") ||
	    word_is(s, i, "from") || word_is(s, i, "into")) || k >= s->n)
		return 0;
	const struct phi_token *t = &s->t[k];
	size_t len = tok_len(s, k);
	if (t->named || len < 5 || has(s, k, D_ENGLISH | D_FIRST | D_STATE |
	    D_MONTH | D_DAY | D_ORG | D_CLIN | D_TITLE) || hospital_unit(s, k))
		return 0;
	const char *w = s->text + t->start;
	size_t letters = 0;
	while (letters < len && is_alpha((unsigned char)w[letters]))
		letters++;
	/* "quartermain2", not "commodex3" (times three) */
	int glued = letters >= 5 && letters < len && letters + 2 >= len &&
	    lower((unsigned char)w[letters - 1]) != 'x';
	for (size_t q = letters; q < len; q++)
		if (!is_digit((unsigned char)w[q]))
			return 0;
	/* the number stands alone: not "7.23", "9:30", "40%", "80 mg",
	 * "60's" */
	size_t ne = k + 1 < s->n ? s->t[k + 1].end : 0;
	int numbered = t->kind == TK_WORD && k + 1 < s->n &&
	    s->t[k + 1].kind == TK_NUM && tok_len(s, k + 1) == 1 &&
	    s->t[k + 1].space_before && !has(s, k + 2, D_UNIT) &&
	    (ne >= s->len || blank(s->text[ne]) ||
	    ((s->text[ne] == '.' || s->text[ne] == ',') && (ne + 1 >= s->len ||
	    blank(s->text[ne + 1]))));
	/* "on PROPOFOL 26 MCG/KG", "on levophed 8 mcg": a drug and its
	 * dose, not a ward; a ward number ends the phrase or is followed
	 * by a plain word ("Quartermain 2 for acute failure") */
	if (numbered && k + 2 < s->n && s->t[k + 2].kind == TK_WORD &&
	    s->t[k + 2].space_before && !has(s, k + 2, D_ENGLISH))
		return 0;
	if (!glued && !numbered)
		return 0;
	add_tokens(s, k, numbered ? k + 1 : k, PHI_ADDRESS, PHI_REVIEW,
	    "address.ward");
	return 1;
}

/* "went via ambulance to St. Mary Hospital", "transferred from sacred
 * heart hosp", "works at harford memorial", "screened by Holy Cross
 * rehab": one to four name words between a place preposition and a word
 * that names a facility. A person's hospital is where they were treated,
 * which Safe Harbor counts as a location below state level; the name is a
 * review finding, so an organisation naming itself is only asked about
 * (and its own names belong on the allow-list). */
/* A body named for hospitals or a place, after its name: "the
 * Maryland Hospital Association", "the Mercy Hospital Foundation". */
#define BODY_WORDS(X) X("association") X("foundation") X("society") \
    X("network") X("council") X("alliance") X("auxiliary") \
    X("coalition") X("federation") X("commission")

/* The lowercase words with a dictionary flag that rule_facilities
 * starts on (its first test, which lists them again). */
#define FACILITY_STARTERS (BLOOM_WORD("to") | BLOOM_WORD("at") | \
    BLOOM_WORD("in") | BLOOM_WORD("on") | BLOOM_WORD("of") | \
    BLOOM_WORD("and") | BLOOM_WORD("for") | BLOOM_WORD("from") | \
    BLOOM_WORD("or") | BLOOM_WORD("by") | BLOOM_WORD("into") | \
    BLOOM_WORD("u") | BLOOM_WORD("business") | BLOOM_WORD("company") | \
    BLOOM_WORD("leave") | BLOOM_WORD("left"))

static void
rule_facilities(struct scan *s)
{
	static const char *const bodies[] = WORD_LIST(BODY_WORDS);
	for (size_t i = 0; i + 1 < s->n; i++) {
		/* cheap test first: every rule below starts on punctuation,
		 * a capitalised word, a word the table does not know, or one
		 * of these words */
		const struct phi_token *ft = &s->t[i];
		if (ft->kind == TK_NUM || ft->kind == TK_ALNUM ||
		    (ft->kind == TK_PUNCT && ft->pch != '@' && ft->pch != '('))
			continue;
		if (ft->kind == TK_WORD && ft->flags != 0 &&
		    ft->shape == SH_LOWER && !((FACILITY_STARTERS &
		    BLOOM_BIT(ft->key)) && (word_is(s, i, "to") ||
		    word_is(s, i, "at") || word_is(s, i, "in") ||
		    word_is(s, i, "on") || word_is(s, i, "of") ||
		    word_is(s, i, "and") || word_is(s, i, "for") ||
		    word_is(s, i, "from") || word_is(s, i, "or") ||
		    word_is(s, i, "by") || word_is(s, i, "into") ||
		    word_is(s, i, "u") || word_is(s, i, "business") ||
		    word_is(s, i, "company") || word_is(s, i, "leave") ||
		    word_is(s, i, "left"))))
			continue;
		/* "per U Maryland scale", "admitted to U Maryland ER": a
		 * university hospital by its state */
		if (tok_len(s, i) == 1 && word_is(s, i, "u") && has(s, i + 1,
		    D_STATE) && tok_len(s, i + 1) >= 4 && s->t[i + 1].space_before &&
		    (i == 0 || s->t[i].space_before)) {
			add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_REVIEW,
			    "address.facility");
			i++;
			continue;
		}
		/* "PLAN: QUARTERMAIN 2 WHEN BED AVAIL", "Per Quartermain 3
		 * RN": a word the table does not know with a one-digit ward
		 * number standing alone after it */
		if (s->t[i].kind == TK_WORD && s->t[i].flags == 0 &&
		    tok_len(s, i) >= 6 && !s->t[i].named &&
		    has_vowel_after_first(s, i) && s->t[i + 1].kind == TK_NUM &&
		    tok_len(s, i + 1) == 1 && s->t[i + 1].space_before &&
		    !(i > 0 && s->t[i - 1].kind == TK_NUM) &&
		    (i + 2 >= s->n || word_is(s, i + 2, "when") ||
		    word_is(s, i + 2, "if") || word_is(s, i + 2, "this") ||
		    word_is(s, i + 2, "today") || word_is(s, i + 2, "tomorrow") ||
		    word_is(s, i + 2, "tonight") || word_is(s, i + 2, "or") ||
		    word_is(s, i + 2, "for") || word_is(s, i + 2, "once") ||
		    (has(s, i + 2, D_CLIN) && tok_len(s, i + 2) <= 3) ||
		    (s->t[i + 2].kind == TK_PUNCT &&
		    strchr(".,;)",
		    s->t[i + 2].pch) != NULL && (s->t[i + 2].end >= s->len ||
		    blank(s->text[s->t[i + 2].end]))))) {
			add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_REVIEW,
			    "address.ward");
			i++;
			continue;
		}
		/* "CALLED 911>CALVERT HOSPITAL", "Kimbrough Rehab": a name
		 * that is not an ordinary word, capitalised like the facility
		 * word after it, wherever it stands */
		if (s->t[i].kind == TK_WORD && (s->t[i].shape == SH_CAP ||
		    s->t[i].shape == SH_UPPER) &&
		    s->t[i].shape == s->t[i + 1].shape && !s->t[i].named &&
		    tok_len(s, i) >= 4 && !has(s, i, D_ENGLISH | D_NOTNAME |
		    D_STATE | D_MONTH | D_DAY | D_CLIN | D_TITLE | D_PRONOUN |
		    D_PERSON | D_RELATIVE | D_UNIT | D_ORG) &&
		    facility_word(s, i + 1) == 1 && !hospital_unit(s, i) &&
		    !clinical_abbrev(s, i) &&
		    !word_is(s, i + 1, "va")) {
			add_tokens(s, i, i + 1, PHI_ADDRESS, PHI_REVIEW,
			    "address.facility");
			i++;
			continue;
		}
		/* "found unresponsive-> GH EW today", "gh er": initials
		 * before the emergency department or cath lab */
		if (s->t[i].kind == TK_WORD && s->t[i].flags == 0 &&
		    tok_len(s, i) >= 2 && tok_len(s, i) <= 4 && !s->t[i].named &&
		    s->t[i].shape == s->t[i + 1].shape &&
		    (s->t[i].shape == SH_UPPER || s->t[i].shape == SH_LOWER) &&
		    !has_vowel_after_first(s, i) && (word_is(s, i + 1, "ew") ||
		    word_is(s, i + 1, "er") || word_is(s, i + 1, "ed") ||
		    (word_is(s, i + 1, "cath") && word_is(s, i + 2, "lab"))) &&
		    !hospital_unit(s, i) && !clinical_abbrev(s, i)) {
			add_tokens(s, i, i, PHI_ADDRESS, PHI_REVIEW,
			    "address.initials");
			i++;
			continue;
		}
		if (i + 2 >= s->n)
			break;
		/* "at seymour black's house": the person whose home it is */
		if (word_is(s, i, "at") && i + 4 < s->n) {
			size_t k = i + 1;
			while (k < s->n && k <= i + 3 && s->t[k].kind == TK_WORD &&
			    !has(s, k, D_RELATIVE | D_PRONOUN | D_NOTNAME |
			    D_PERSON | D_TITLE) && !word_is(s, k, "the") &&
			    !word_is(s, k, "a") && !word_is(s, k, "our"))
				k++;
			if (k > i + 1 && possessive_after(s, k - 1) && k + 2 < s->n &&
			    (word_is(s, k + 2, "house") || word_is(s, k + 2,
			    "home") || word_is(s, k + 2, "apartment") ||
			    word_is(s, k + 2, "farm"))) {
				add_tokens(s, i + 1, k - 1, PHI_NAME, PHI_REVIEW,
				    "name.home");
				i = k - 1;
				continue;
			}
		}
		/* "screened by Baltimore Rehab and Kimbrough": the next
		 * facility in a list */
		if (word_is(s, i, "and") || word_is(s, i, "or")) {
			if (i > 1 && facility_word(s, i - 1) &&
			    ((s->t[i - 1].cats | s->t[i - 2].cats) &
			    (1u << PHI_ADDRESS)) &&
			    s->t[i + 1].kind == TK_WORD &&
			    s->t[i + 1].shape == s->t[i - 1].shape &&
			    s->t[i + 1].shape != SH_LOWER && tok_len(s, i + 1) >= 4 &&
			    !has(s, i + 1, D_ENGLISH | D_NOTNAME | D_STATE |
			    D_MONTH | D_DAY | D_CLIN | D_TITLE | D_ORG) &&
			    !hospital_unit(s, i + 1) && !clinical_abbrev(s, i + 1)) {
				size_t e = i + 1;
				if (facility_word(s, e + 1))
					e++;
				add_tokens(s, i + 1, e, PHI_ADDRESS, PHI_REVIEW,
				    "address.facility");
				i = e;
				continue;
			}
		}
		/* "he works for vista health", "HUSBAND CEO OF IBM",
		 * "concerned about his business Genentech": an employer is
		 * a place the person can be found (review) */
		if (employer_cue(s, i)) {
			size_t k = i + 1, e = i;
			while (k < s->n && k <= i + 2 && s->t[k].kind == TK_WORD &&
			    !s->t[k].named && !has(s, k, D_PRONOUN | D_NOTNAME |
			    D_MONTH | D_DAY | D_UNIT | D_PERSON | D_RELATIVE) &&
			    !word_is(s, k, "the") && !word_is(s, k, "a") &&
			    !word_is(s, k, "an") && !word_is(s, k, "and") &&
			    !word_is(s, k, "as") && !word_is(s, k, "in") &&
			    !word_is(s, k, "at") && !word_is(s, k, "for") &&
			    !word_is(s, k, "from") && !word_is(s, k, "to") &&
			    !word_is(s, k, "with") && !word_is(s, k, "our") &&
			    !word_is(s, k, "my") && !word_is(s, k, "your") &&
			    !word_is(s, k, "their") && !word_is(s, k, "this") &&
			    !word_is(s, k, "that") && !word_is(s, k, "its") &&
			    (k == i + 1 ||
			    !s->t[k].sent_start) && s->t[k].space_before) {
				e = k;
				k++;
			}
			if (e > i && (!has(s, i + 1, D_ENGLISH) ||
			    has(s, e, D_ORG) || word_is(s, e, "health"))) {
				add_tokens(s, i + 1, e, PHI_ADDRESS, PHI_REVIEW,
				    "address.employer");
				i = e;
				continue;
			}
		}
		/* "WOULD NEED TO LEAVE GH, HAVE SURGERY": initials left
		 * (before the prepositions' test, which leaves no room) */
		if ((word_is(s, i, "leave") || word_is(s, i, "left")) &&
		    s->t[i + 1].kind == TK_WORD && s->t[i + 1].flags == 0 &&
		    s->t[i + 1].shape == SH_UPPER && tok_len(s, i + 1) >= 2 &&
		    tok_len(s, i + 1) <= 4 && !has_vowel_after_first(s, i + 1) &&
		    (punct(s, i + 2, ',') || punct(s, i + 2, '.')) &&
		    !hospital_unit(s, i + 1) && !clinical_abbrev(s, i + 1)) {
			add_tokens(s, i + 1, i + 1, PHI_ADDRESS, PHI_REVIEW,
			    "address.initials");
			i++;
			continue;
		}
		/* cheap test first: the prepositions are short */
		if (tok_len(s, i) > 4 || (s->t[i].kind != TK_WORD &&
		    !punct(s, i, '@') && !punct(s, i, '(')) || strchr("tfaibo@(",
		    lower((unsigned char)s->text[s->t[i].start])) == NULL)
			continue;
		/* "slated to go to rehab(sacred heart Memorial)": the name
		 * in brackets after the kind of facility */
		int bracket = punct(s, i, '(') && i > 0 && facility_word(s, i - 1);
		if (!(word_is(s, i, "to") || word_is(s, i, "from") ||
		    word_is(s, i, "at") || word_is(s, i, "in") ||
		    word_is(s, i, "by") || word_is(s, i, "into") ||
		    word_is(s, i, "on") || punct(s, i, '@') || bracket))
			continue;
		if (bracket) {
			size_t k = i + 1, nw = 0, known = 0;
			while (k < s->n && nw < 4 && s->t[k].kind == TK_WORD) {
				if (facility_word(s, k) || word_is(s, k, "heart") ||
				    word_is(s, k, "sacred") || has(s, k, D_FIRST |
				    D_SURNAME | D_PLACE) || s->t[k].flags == 0)
					known++;
				nw++;
				k++;
			}
			if (nw > 0 && known == nw && punct(s, k, ')')) {
				add_tokens(s, i + 1, k - 1, PHI_ADDRESS, PHI_REVIEW,
				    "address.facility");
				i = k;
			}
			continue;
		}
		/* "admitted from university of maryland hospital" */
		if ((word_is(s, i + 1, "university") || word_is(s, i + 1,
		    "univ")) && word_is(s, i + 2, "of") && i + 4 < s->n &&
		    s->t[i + 3].kind == TK_WORD && (facility_word(s, i + 4) ||
		    word_is(s, i + 4, "medical"))) {
			add_tokens(s, i + 1, i + 4, PHI_ADDRESS, PHI_REVIEW,
			    "address.facility");
			i += 4;
			continue;
		}
		if (moved_to_unknown(s, i))
			continue;
		size_t a = i + 1, j = a, words = 0, named = 0;
		if (ward_after(s, i))
			continue;
		if (!word_is(s, i, "on") && facility_initials(s, i))
			continue;
		/* cheap test first: a facility word, a saint or a shared
		 * hospital name within reach, else only a town may follow */
		size_t h = a;
		while (h < s->n && h < a + 7 && (s->t[h].kind == TK_WORD ||
		    punct(s, h, '.') || punct(s, h, '\'') || punct(s, h, '-')) &&
		    !facility_word(s, h))
			h++;
		if (!facility_word(s, h) && !facility_named_alone(s, a, h)) {
			place_after_travel(s, i);
			continue;
		}
		while (j < s->n && j < a + 7 && words < 4) {
			if (s->t[j].kind == TK_PUNCT && (s->t[j].pch == '.' ||
			    s->t[j].pch == '\'' || s->t[j].pch == '-') &&
			    j > a) {
				j++;
				continue;
			}
			if (s->t[j].kind != TK_WORD || facility_word(s, j))
				break;
			if (!(word_is(s, j, "s") && j > a) &&
			    !facility_filler(s, j)) {
				/* a verb or function word ends the name;
				 * with no name before it, there is none */
				if (!facility_name_ok(s, j))
					break;
				named++;
			}
			words++;
			j++;
		}
		int head = facility_word(s, j);
		if (head == 0 && named > 0 && facility_named_alone(s, i + 1, j))
			head = 1;
		/* "from Memorial Hospital": the shared name is the name */
		if (head == 2 && named == 0 && facility_word(s, j + 1) == 1) {
			add_tokens(s, j, j + 1, PHI_ADDRESS, PHI_REVIEW,
			    "address.facility");
			i = j + 1;
			continue;
		}
		/* "knows she is in General Hospital", "i'm at the general
		 * hospital": where a person says they are, named by its kind */
		if (head == 1 && named == 0 && j > i + 1 && i > 0 &&
		    (word_is(s, i - 1, "m") || word_is(s, i - 1, "is") ||
		    oriented_before(s, i)) && (word_is(s, j - 1, "general") ||
		    word_is(s, j - 1, "community") || word_is(s, j - 1,
		    "university"))) {
			add_tokens(s, j - 1, j, PHI_ADDRESS, PHI_REVIEW,
			    "address.facility");
			i = j;
			continue;
		}
		if (head == 0 || named == 0) {
			place_after_travel(s, i);
			continue;
		}
		/* skip leading fillers: "to the Kessler rehab" names Kessler */
		while (a < j && s->t[a].kind == TK_WORD && facility_filler(s, a) &&
		    !capital(s, a))
			a++;
		size_t e = j - 1;
		/* no trailing punctuation, but keep the dot of "St." */
		while (e > a && s->t[e].kind == TK_PUNCT && !(s->t[e].pch == '.' &&
		    (word_is(s, e - 1, "st") || word_is(s, e - 1, "mt"))))
			e--;
		if (head == 2)
			e = j;
		/* "at the Towson campus", "parking at our Columbia campus":
		 * the organisation's own site, named by its town, with no
		 * person near */
		if (word_is(s, j, "campus") && a > i + 1 &&
		    (word_is(s, a - 1, "our") || word_is(s, a - 1, "the")) &&
		    (e == a ? has(s, a, D_PLACE) :
		    (dict_phrase_flags(s, a, e) & D_PLACE) != 0) &&
		    !person_near_place(s, a)) {
			i = j;
			continue;
		}
		/* "at our Owings Mills hospital", "Shadow a nurse at our
		 * Westminster hospital": one of ours by its town, with no
		 * he, she, relative or name near (a staff role is no
		 * one) */
		if (a > i + 1 && word_is(s, a - 1, "our") &&
		    (word_is(s, j, "hospital") || word_is(s, j, "clinic") ||
		    word_is(s, j, "center") || word_is(s, j, "office")) &&
		    (e == a ? has(s, a, D_PLACE) :
		    (dict_phrase_flags(s, a, e) & D_PLACE) != 0) &&
		    !near(s, a, 12, 12, D_PRONOUN | D_RELATIVE, 1)) {
			i = j;
			continue;
		}
		/* "the Maryland Hospital Association summit", "the Mercy
		 * Hospital Foundation": a body named for hospitals, not a
		 * place anyone is */
		if (capital(s, j + 1) && word_in_set(s, j + 1,
		    WORD_SET(BODY_WORDS), bodies)) {
			i = j + 1;
			continue;
		}
		add_tokens(s, a, e, PHI_ADDRESS, PHI_REVIEW, "address.facility");
		i = j;
	}
}

/* ----------------------------------------------------- congregations */

/* "Pastor Jenkins of New Psalmist Baptist", "Father Tomasz of Holy
 * Rosary", "Rabbi Stein of Beth El": the congregation after a member of
 * the clergy and their name, where a patient's own faith community can
 * be found (review, like another hospital named). */
#define CLERGY_WORDS(X) X("pastor") X("father") X("reverend") X("rev") \
    X("rabbi") X("imam") X("deacon") X("bishop") X("monsignor") X("fr") \
    X("elder") X("minister")

static void
rule_congregations(struct scan *s)
{
	static const char *const clergy[] = WORD_LIST(CLERGY_WORDS);
	/* (the capitalised words are the name candidates) */
	for (size_t i = cand_next(s, CP_NAME, (size_t)-1); i + 3 < s->n;
	    i = cand_next(s, CP_NAME, i)) {
		if (s->t[i].shape != SH_CAP)
			continue;
		/* "her church, New Psalmist Baptist": a person's place of
		 * worship named after it */
		int named_after = i > 2 && punct(s, i - 1, ',') &&
		    (word_is(s, i - 2, "church") || word_is(s, i - 2,
		    "parish") || word_is(s, i - 2, "congregation") ||
		    word_is(s, i - 2, "mosque") || word_is(s, i - 2,
		    "synagogue") || word_is(s, i - 2, "temple")) &&
		    (word_is(s, i - 3, "her") || word_is(s, i - 3, "his") ||
		    word_is(s, i - 3, "their") || word_is(s, i - 3, "my"));
		/* "pastor of Union Baptist": the clergy word, "of" and the
		 * congregation's name (not a city's alone), a person's ("his
		 * bypass surgery"), not "The pastor of Zion Lutheran leads
		 * our prayer service" */
		int clergy_of = !named_after && i > 1 &&
		    word_is(s, i - 1, "of") && word_in_set(s, i - 2,
		    WORD_SET(CLERGY_WORDS), clergy) && !(has(s, i, D_STATE |
		    D_PLACE) && !capital(s, i + 1)) &&
		    near(s, i, 12, 12, D_PRONOUN | D_RELATIVE, 1);
		if (named_after || clergy_of) {
			/* the name: up to three capitalised words */
			size_t b = i;
			while (b + 1 < s->n && b < i + 3 && capital(s, b + 1))
				b++;
			add_tokens(s, i, b, PHI_ADDRESS, PHI_REVIEW,
			    "address.congregation");
			i = b;
			continue;
		}
		if (!word_in_set(s, i, WORD_SET(CLERGY_WORDS), clergy))
			continue;
		size_t j = i + 1 + (punct(s, i + 1, '.') ? 1 : 0);
		/* the name: one or two capitalised words */
		size_t e = j;
		if (!capital(s, j))
			continue;
		if (capital(s, j + 1) && !word_is(s, j + 1, "of"))
			e = j + 1;
		if (!word_is(s, e + 1, "of") || !capital(s, e + 2))
			continue;
		size_t a = e + 2, b = a;
		while (b + 1 < s->n && b < a + 3 && (capital(s, b + 1) ||
		    (punct(s, b + 1, '.') && adjacent(s, b + 1) &&
		    tok_len(s, b) <= 3)))
			b++;
		if (punct(s, b, '.'))
			b--;
		/* not a state, a city's name alone or a hospital's unit */
		if (b == a && has(s, a, D_STATE | D_PLACE | D_MONTH | D_DAY))
			continue;
		add_tokens(s, a, b, PHI_ADDRESS, PHI_REVIEW,
		    "address.congregation");
		i = b;
	}
}

/* ------------------------------------------------ spelled-out phones */

#define DIGIT_WORDS(X) X("zero") X("oh") X("one") X("two") X("three") \
    X("four") X("five") X("six") X("seven") X("eight") X("nine")

/* Token k is one of DIGIT_WORDS: its key compared with theirs (each is
 * short enough to be a key), after the set's bit. */
static inline int
digit_word(const struct scan *s, size_t k)
{
#define DIGIT_KEY_IS(w) || key == literal_key("" w "", sizeof(w) - 1)
	if (k >= s->n || !(WORD_SET(DIGIT_WORDS) & BLOOM_BIT(s->t[k].key)))
		return 0;
	uint64_t key = s->t[k].key;
	return 0 DIGIT_WORDS(DIGIT_KEY_IS);
#undef DIGIT_KEY_IS
}

/* A digit in words, or a word sharing its bit (digit_word tells). */
static int
starts_digit_word(const struct scan *s, const struct phi_token *t)
{
	(void)s;
	return (WORD_SET(DIGIT_WORDS) & BLOOM_BIT(t->key)) ? 1 : 0;
}

/* "four one zero, five five five, zero one three two": seven or more
 * digits written as words, in up to four groups, after a phone word
 * (the pass runs only in texts with one: call, phone, text, reach...).
 * "Three, two, one, go!" is too short. */
static void
rule_spelled_phones(struct scan *s)
{
	for (size_t i = cand_next(s, CP_DIGIT_WORD, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_DIGIT_WORD, i)) {
		if (!digit_word(s, i))
			continue;
		size_t j = i, e = i, count = 0, groups = 1;
		while (j < s->n) {
			if (digit_word(s, j)) {
				count++;
				e = j++;
			} else if ((punct(s, j, ',') || punct(s, j, '-') ||
			    punct(s, j, '.')) && digit_word(s, j + 1)) {
				groups++;
				j++;
			} else {
				break;
			}
		}
		if (count >= 7 && count <= 11 && groups <= 4 &&
		    near(s, i, 6, 0, D_PHONECTX, 0))
			add_tokens(s, i, e, PHI_PHONE, PHI_BLOCK, "phone.words");
		i = e;
	}
}

/* --------------------------------------------------- hashtag names */

/* The word of lt[a..b) (lowercase) is a given name that is no ordinary
 * word, month or day, nor a place unless common as a name: "theo",
 * "marcus" (a town too), not "hope", "boston", "houston". */
static int
given_name_only(const struct scan *s, size_t a, size_t b)
{
	if (b - a < 3)
		return 0;
	const struct phi_dict_slot *e = dict_find((const unsigned char *)s->lt +
	    a, b - a);
	return e != NULL && (e->flags & D_FIRST) && !(e->flags & (D_ENGLISH |
	    D_STATE | D_MONTH | D_DAY | D_NOTNAME | D_ORG | D_PERSON |
	    D_RELATIVE | D_CLIN | D_TITLE)) && (!(e->flags & D_PLACE) ||
	    e->first_weight >= 1000);
}

/* The lowercase word lt[a..b) is one of list. */
static int
span_in(const struct scan *s, size_t a, size_t b, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == b - a && memcmp(*list, s->lt + a, b - a) == 0)
			return 1;
	return 0;
}

/* Hashtags a family makes for a patient: "#MarcusStrong", "#TeamTheo",
 * "#PrayForMaya", "#LiamsJourney". The tag is cut where a capital follows
 * a small letter; a given name (given_name_only) after Team, Pray For or
 * Go, or before Strong, Warrior, Journey and the like, is the patient's.
 * "#BostonStrong", "#TeamNICU", "#HopeStrong" and "#NurseStrong" name no
 * one. */
static void
rule_hashtag_names(struct scan *s)
{
	static const char *const before[] = { "team", "pray", "prayers",
	    "go", "love", "praying", NULL };
	static const char *const after[] = { "strong", "warrior", "warriors",
	    "army", "journey", "fight", "fights", "tough", "nation", "squad",
	    "crew", "story", "miracle", "brave", "power", "proud", NULL };
	static const char *const for_word[] = { "for", NULL };
	for (size_t i = 0; i + 1 < s->n; i++) {
		if (!punct(s, i, '#') || !adjacent(s, i + 1) ||
		    s->t[i + 1].kind != TK_WORD || s->t[i + 1].named)
			continue;
		size_t a = s->t[i + 1].start, b = s->t[i + 1].end;
		/* the parts: cut before a capital that follows a small letter */
		size_t cut[8], nparts = 0;
		cut[nparts++] = a;
		for (size_t k = a + 1; k < b && nparts < 7; k++)
			if (s->text[k] >= 'A' && s->text[k] <= 'Z' &&
			    s->text[k - 1] >= 'a' && s->text[k - 1] <= 'z')
				cut[nparts++] = k;
		cut[nparts] = b;
		for (size_t q = 0; q < nparts; q++) {
			size_t pa = cut[q], pb = cut[q + 1], nb = pb;
			/* "LiamsJourney": the possessive's s */
			if (q + 1 < nparts && pb - pa > 3 && s->lt[pb - 1] == 's' &&
			    !given_name_only(s, pa, pb))
				nb = pb - 1;
			if (!given_name_only(s, pa, nb))
				continue;
			int cue = (q > 0 && span_in(s, cut[q - 1], cut[q], before)) ||
			    (q > 1 && span_in(s, cut[q - 1], cut[q], for_word) &&
			    span_in(s, cut[q - 2], cut[q - 1], before)) ||
			    (q + 1 < nparts &&
			    span_in(s, cut[q + 1], cut[q + 2], after));
			if (cue)
				add(s, pa, nb, PHI_NAME, PHI_BLOCK, "name.hashtag");
		}
		i++;
	}
}

/* ------------------------------------------------- links and handles */

static int
url_char(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c >= 0x80 ||
	    strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL;
}

static int
host_char(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.';
}

/* Hosts whose pages belong to a person. */
static int
personal_host(const char *h, size_t n)
{
	static const char *const hosts[] = { "gofundme.com", "caringbridge.org",
	    "facebook.com", "fb.com", "instagram.com", "tiktok.com",
	    "twitter.com", "x.com", "linkedin.com", "youtube.com",
	    "blogspot.com", "wordpress.com", "medium.com", "venmo.com",
	    "cash.app", "paypal.me", "substack.com", "tumblr.com",
	    "mealtrain.com", "lotsahelpinghands.com", "spotfund.com",
	    "givesendgo.com", "threads.net", "bsky.app", "snapchat.com",
	    "pinterest.com", "wixsite.com", "squarespace.com", NULL };
	for (const char *const *p = hosts; *p; p++) {
		size_t l = strlen(*p);
		if (n >= l && strncasecmp(h + n - l, *p, l) == 0 &&
		    (n == l || h[n - l - 1] == '.'))
			return 1;
	}
	return 0;
}

static int
public_host(const char *h, size_t n)
{
	static const char *const tlds[] = { ".gov", ".mil", ".int", NULL };
	for (const char *const *p = tlds; *p; p++) {
		size_t l = strlen(*p);
		if (n > l && strncasecmp(h + n - l, *p, l) == 0)
			return 1;
	}
	return 0;
}

/* The n bytes at u, a host and its path, are one video on a sharing site
 * (youtube.com/watch?v=, /shorts/, youtu.be/), not a channel. */
static int
video_link(const char *u, size_t n)
{
	static const char *const videos[] = { "youtube.com/watch?",
	    "youtube.com/shorts/", "youtu.be/", "vimeo.com/1", "vimeo.com/2",
	    "vimeo.com/3", "vimeo.com/4", "vimeo.com/5", "vimeo.com/6",
	    "vimeo.com/7", "vimeo.com/8", "vimeo.com/9", NULL };
	if (n > 4 && strncasecmp(u, "www.", 4) == 0) {
		u += 4;
		n -= 4;
	} else if (n > 2 && strncasecmp(u, "m.", 2) == 0) {
		u += 2;
		n -= 2;
	}
	for (const char *const *v = videos; *v; v++) {
		size_t l = strlen(*v);
		if (n > l && strncasecmp(u, *v, l) == 0)
			return 1;
	}
	return 0;
}

static const char *const bare_tlds[] = { "com", "org", "net", "me", "ly",
    "io", "co", "us", "info", "page", "link", "blog", "app", NULL };

static int
link_candidate(const struct scan *s, size_t i)
{
	const struct phi_token *tk = &s->t[i];
	if (tk->kind == TK_PUNCT)
		return tk->pch == '@';
	if (i + 1 >= s->n || !adjacent(s, i + 1) || s->t[i + 1].kind != TK_PUNCT)
		return 0;
	return s->t[i + 1].pch == '.' || s->t[i + 1].pch == ':';
}

/* Token i is "dot" or a '.' right between two words: the joint of an
 * address written out ("maria dot lopez", "gmail.com"). */
static int
address_dot(const struct scan *s, size_t i)
{
	return word_is(s, i, "dot") || (punct(s, i, '.') && adjacent(s, i) &&
	    adjacent(s, i + 1));
}

/* Email addresses written out to dodge harvesters: "maria dot lopez at
 * gmail dot com", "jane.doe [at] gmail.com". Only with a "dot" word or
 * a bracketed "at", so "find us at stmaryshealth.org" is no address. */
static void
rule_spelled_emails(struct scan *s)
{
	static const char *const tlds[] = { "com", "org", "net", "edu", "gov",
	    "us", "io", "co", "info", "me", NULL };
	for (size_t i = 1; i + 3 < s->n; i++) {
		if (!word_is(s, i, "at"))
			continue;
		int bracket = (punct(s, i - 1, '[') || punct(s, i - 1, '(')) &&
		    (punct(s, i + 1, ']') || punct(s, i + 1, ')'));
		int spelled = 0;
		/* the domain: word (dot word)+, ending in a known TLD */
		size_t d = i + 1 + (bracket ? 1 : 0), e = d, parts = 0;
		if (d >= s->n || s->t[d].kind == TK_PUNCT)
			continue;
		while (e + 2 < s->n && address_dot(s, e + 1) &&
		    s->t[e + 2].kind != TK_PUNCT) {
			spelled |= word_is(s, e + 1, "dot");
			e += 2;
			parts++;
		}
		if (parts == 0 || !word_in(s, e, tlds))
			continue;
		/* the local part before: word (dot word)* */
		size_t a = i - 1 - (bracket ? 1 : 0);
		if (a >= s->n || s->t[a].kind == TK_PUNCT)
			continue;
		while (a >= 2 && address_dot(s, a - 1) &&
		    s->t[a - 2].kind != TK_PUNCT && !s->t[a - 2].sent_start) {
			spelled |= word_is(s, a - 1, "dot");
			a -= 2;
		}
		if (!spelled && !bracket)
			continue;
		add_tokens(s, a, e, PHI_EMAIL, PHI_BLOCK, "email.spelled");
		i = e;
	}
}

static void
rule_links(struct scan *s)
{
	const char *t = s->text;
	size_t n = s->len, ti = 0;
	for (size_t p = 0; p < n; p++) {
		/* Jump to the next token that could start a link, an address
		 * or an IPv6 address: '@', "http", "www", "name." or "x:". */
		while (ti < s->n && (s->t[ti].start < p || !link_candidate(s, ti)))
			ti++;
		if (ti == s->n)
			break;
		p = s->t[ti].start;
		unsigned char c = (unsigned char)t[p];
		size_t start = p, host, hend;
		int scheme = 0;
		if ((is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f')) &&
		    (p == 0 || !(is_alpha((unsigned char)t[p - 1]) ||
		    is_digit((unsigned char)t[p - 1]) || t[p - 1] == ':'))) {
			/* IPv6: hex groups, at least three colons or "::" */
			size_t q = p, colons = 0, groups = 0, glen = 0;
			int dbl = 0, ok = 1;
			while (q < n) {
				unsigned char h = (unsigned char)t[q];
				if (is_digit(h) || (lower(h) >= 'a' && lower(h) <= 'f')) {
					if (++glen > 4)
						ok = 0;
				} else if (h == ':') {
					if (glen)
						groups++;
					if (q + 1 < n && t[q + 1] == ':' && glen)
						dbl = 1;
					glen = 0;
					colons++;
				} else {
					break;
				}
				q++;
			}
			if (glen)
				groups++;
			while (q > p && t[q - 1] == ':' && !(q >= 2 && t[q - 2] == ':'))
				q--;
			if (ok && groups >= 2 && (colons >= 3 || (dbl && colons >= 2)) &&
			    colons <= 8 && (q >= n || !is_alpha((unsigned char)t[q]))) {
				add(s, p, q, PHI_IP, PHI_BLOCK, "ip.v6");
				p = q;
				continue;
			}
		}
		/* (the text is not NUL-terminated: lengths before comparing) */
		if ((c == 'h' || c == 'H') && n - p > 8 &&
		    (strncasecmp(t + p, "http://", 7) == 0 ||
		    strncasecmp(t + p, "https://", 8) == 0)) {
			host = p + (t[p + 4] == ':' ? 7 : 8);
			scheme = 1;
		} else if ((c == 'w' || c == 'W') && n - p > 4 &&
		    strncasecmp(t + p, "www.", 4) == 0 &&
		    (p == 0 || !host_char((unsigned char)t[p - 1]))) {
			host = p;
			scheme = 1;
		} else if (c == '@') {
			/* email: local part before, domain after */
			size_t a = p;
			while (a > 0 && (is_alpha((unsigned char)t[a - 1]) ||
			    is_digit((unsigned char)t[a - 1]) ||
			    strchr("._%+-", t[a - 1]) != NULL))
				a--;
			size_t b = p + 1, dot = 0;
			while (b < n && host_char((unsigned char)t[b])) {
				if (t[b] == '.' && b + 1 < n &&
				    host_char((unsigned char)t[b + 1]))
					dot = b;
				b++;
			}
			while (b > p + 1 && t[b - 1] == '.')
				b--;
			if (a < p && dot > p + 1 && b - dot > 2) {
				add(s, a, b, PHI_EMAIL, PHI_BLOCK, "email.address");
				p = b;
				continue;
			}
			/* handle: @name not inside a word */
			if (a == p && b > p + 1) {
				size_t h = p + 1;
				/* letters, digits and '_'; a '.' or '-' inside
				 * ("@ruthie.rings", Venmo's "@maria-lopez-22"),
				 * not at the end of a sentence */
				while (h < n && (is_alpha((unsigned char)t[h]) ||
				    is_digit((unsigned char)t[h]) || t[h] == '_' ||
				    ((t[h] == '.' || t[h] == '-') && h + 1 < n &&
				    h > p + 1 && (is_alpha((unsigned char)t[h + 1]) ||
				    is_digit((unsigned char)t[h + 1]) ||
				    t[h + 1] == '_'))))
					h++;
				if (h - p >= 3 && h - p <= 31 &&
				    (is_alpha((unsigned char)t[p + 1]) || t[p + 1] == '_')) {
					/* a person's own ("her TikTok,
					 * @ruthie.rings", "Jenny (@jenny_runs)")
					 * is blocked; "Follow @CDCgov" is asked
					 * about */
					size_t te = ti;
					while (te + 1 < s->n && s->t[te + 1].start < h)
						te++;
					add(s, p, h, PHI_HANDLE, near(s, ti, 6, 0,
					    D_PRONOUN, 1) || near(s, te, 0, 6,
					    D_PRONOUN, 1) ? PHI_BLOCK : PHI_REVIEW,
					    "handle.at");
					p = h;
				}
			}
			continue;
		} else if (is_alpha(c) && (p == 0 || (!host_char((unsigned char)
		    t[p - 1]) && t[p - 1] != '@'))) {
			/* bare host: name.tld/path */
			size_t b = p;
			while (b < n && host_char((unsigned char)t[b]))
				b++;
			while (b > p && t[b - 1] == '.')
				b--;
			size_t dot = b;
			while (dot > p && t[dot - 1] != '.')
				dot--;
			if (dot <= p + 1) {
				p = b > p ? b - 1 : p;
				continue;
			}
			int known = 0;
			for (const char *const *tl = bare_tlds; *tl; tl++)
				if (strlen(*tl) == b - dot &&
				    strncasecmp(t + dot, *tl, b - dot) == 0)
					known = 1;
			int personal = personal_host(t + p, b - p);
			if (!known || (!personal && (b >= n || t[b] != '/'))) {
				p = b > p ? b - 1 : p;
				continue;
			}
			host = p;
		} else {
			continue;
		}
		hend = host;
		while (hend < n && host_char((unsigned char)t[hend]))
			hend++;
		while (hend > host && t[hend - 1] == '.')
			hend--;
		size_t e = hend;
		while (e < n && url_char((unsigned char)t[e]))
			e++;
		while (e > hend && strchr(".,;:!?)'\"", t[e - 1]) != NULL)
			e--;
		if (hend <= host + 2 || (!scheme && e == hend &&
		    !personal_host(t + host, hend - host))) {
			p = e > p ? e - 1 : p;
			continue;
		}
		/* A video on a sharing site is the organisation's as often as
		 * anyone's: a person's only with a person near ("Follow his
		 * recovery: youtube.com/watch?v=..."), else no finding */
		int video = video_link(t + host, e - host);
		if (video && !near(s, ti, 8, 8, D_PRONOUN, 1)) {
			p = e > p ? e - 1 : p;
			continue;
		}
		if (!public_host(t + host, hend - host))
			add(s, start, e, PHI_URL, video || personal_host(t + host,
			    hend - host) ? PHI_BLOCK : PHI_REVIEW, video ||
			    personal_host(t + host, hend - host) ? "url.personal" :
			    "url.other");
		p = e > p ? e - 1 : p;
	}
}

/* Long identifiers without a label: VINs and Medicare MBIs. */
static void
rule_shapes(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct phi_token *tk = &s->t[i];
		if (tk->kind != TK_ALNUM)
			continue;
		size_t len = tok_len(s, i);
		const char *w = s->text + tk->start;
		if (len == 17) {
			int digits = 0, letters = 0, bad = 0;
			for (size_t k = 0; k < len; k++) {
				unsigned char c = (unsigned char)w[k];
				if (is_digit(c))
					digits++;
				else if (c >= 'A' && c <= 'Z' && c != 'I' &&
				    c != 'O' && c != 'Q')
					letters++;
				else
					bad = 1;
			}
			if (!bad && digits >= 3 && letters >= 3)
				add_tokens(s, i, i, PHI_VEHICLE, PHI_BLOCK,
				    "vehicle.vin");
			continue;
		}
		/* MBI: C A AN N A AN N A A N N, as 11 or 4-3-4. */
		char mbi[11];
		size_t m = 0, e = i;
		if (len == 11) {
			memcpy(mbi, w, 11);
			m = 11;
		} else if (len == 4 && i + 4 < s->n && punct(s, i + 1, '-') &&
		    adjacent(s, i + 1) && tok_len(s, i + 2) == 3 &&
		    punct(s, i + 3, '-') && tok_len(s, i + 4) == 4 &&
		    adjacent(s, i + 3) && adjacent(s, i + 4)) {
			memcpy(mbi, w, 4);
			memcpy(mbi + 4, s->text + s->t[i + 2].start, 3);
			memcpy(mbi + 7, s->text + s->t[i + 4].start, 4);
			m = 11;
			e = i + 4;
		}
		if (m != 11)
			continue;
		static const char pat[] = "CAMNAMNAANN";
		int ok = 1;
		for (size_t k = 0; k < 11 && ok; k++) {
			unsigned char c = (unsigned char)mbi[k];
			int alpha = c >= 'A' && c <= 'Z' && !strchr("SLOIBZ", c);
			switch (pat[k]) {
			case 'C': ok = c >= '1' && c <= '9'; break;
			case 'A': ok = alpha; break;
			case 'M': ok = alpha || is_digit(c); break;
			default: ok = is_digit(c); break;
			}
		}
		if (ok)
			add_tokens(s, i, e, PHI_HEALTHPLAN, PHI_BLOCK,
			    "healthplan.mbi");
	}
}

/* ------------------------------------------------------------- repeats */

/* The identity of word i for the set below: its key when it has one
 * (exact), else FNV-1a of its lowered bytes with the top bit set (no
 * key looks like that: a key of 8 bytes has no zero byte). */
static uint64_t
word_id(const struct scan *s, size_t i)
{
	if (s->t[i].key != 0)
		return s->t[i].key;
	return (uint64_t)1 << 63 | phi_dict_hash((const unsigned char *)s->lt +
	    s->t[i].start, tok_len(s, i));
}

/* A word of two or more letters, no ordinary English word, and with no
 * dictionary flag unless it has four letters or more (name.repeat). */
static int
starts_repeat(const struct scan *s, const struct phi_token *t)
{
	uint32_t len = t->end - t->start;
	(void)s;
	return (t->kind == TK_WORD) & (len >= 2) &
	    ((t->flags & D_ENGLISH) == 0) & ((len >= 4) | (t->flags == 0));
}

/* A name or place found once is the same name or place wherever else it
 * appears in the text: "Quartermain" after "transferred to" makes every
 * later "quartermain" a finding too (at review severity), as does a
 * patient's name seen once with a title. Only words of four or more
 * letters that are not ordinary English words are carried over. */
static void
rule_repeats(struct scan *s)
{
	/* an open-addressing set of the words found: id -> category + 1 */
	enum { SLOTS = 256, MAXWORDS = 128 };
	uint64_t key[SLOTS];
	unsigned char val[SLOTS];
	size_t nseen = 0;

	memset(val, 0, sizeof(val));
	for (size_t i = 0; i < s->n && nseen < MAXWORDS; i++) {
		const struct phi_token *t = &s->t[i];
		uint32_t c = t->cats & ((1u << PHI_NAME) | (1u << PHI_ADDRESS));
		if (t->kind != TK_WORD || c == 0)
			continue;
		/* a word already in the set: nothing to decide (cheap test
		 * first: the tests below look only at the word itself) */
		uint64_t id = word_id(s, i);
		uint32_t slot = phi_dict_key_hash(id) & (SLOTS - 1);
		while (val[slot] != 0 && key[slot] != id)
			slot = (slot + 1) & (SLOTS - 1);
		if (val[slot] != 0)
			continue;
		int initials = c == (1u << PHI_ADDRESS) && t->flags == 0 &&
		    tok_len(s, i) >= 2 && !has_vowel_after_first(s, i);
		if ((tok_len(s, i) < 4 && !initials) ||
		    (t->flags & (D_ENGLISH | D_NOTNAME | D_ORG | D_STREET |
		    D_TITLE | D_CLIN | D_MONTH | D_DAY | D_STATE | D_REGION |
		    D_SCHOOL)) || hospital_unit(s, i) || clinical_abbrev(s, i) ||
		    facility_word(s, i))
			continue;
		key[slot] = id;
		val[slot] = (unsigned char)(1 + ((t->cats & (1u << PHI_NAME)) ?
		    PHI_NAME : PHI_ADDRESS));
		nseen++;
	}
	if (nseen == 0)
		return;
	for (size_t i = cand_next(s, CP_REPEAT, (size_t)-1); i < s->n;
	    i = cand_next(s, CP_REPEAT, i)) {
		const struct phi_token *t = &s->t[i];
		if (t->cats != 0)
			continue;
		uint64_t id = word_id(s, i);
		uint32_t slot = phi_dict_key_hash(id) & (SLOTS - 1);
		while (val[slot] != 0 && key[slot] != id)
			slot = (slot + 1) & (SLOTS - 1);
		if (val[slot] == 0)
			continue;
		enum phi_category c = (enum phi_category)(val[slot] - 1);
		add_tokens(s, i, i, c, PHI_REVIEW, c == PHI_NAME ? "name.repeat" :
		    "address.repeat");
	}
}

/* ----------------------------------------------------------- allow-list */

static int
ci_equal(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static size_t
phone_digits(const char *t, size_t a, size_t b, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = a; i < b && n + 1 < cap; i++) {
		/* an extension is not the number: "555-0100 ext. 4" */
		if (n >= 7 && ((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z'))
			break;
		if (is_digit((unsigned char)t[i]))
			out[n++] = t[i];
	}
	out[n] = '\0';
	if (n == 11 && out[0] == '1') {
		memmove(out, out + 1, 11);
		n = 10;
	}
	return n;
}

/* Drops findings that fall inside an allow-listed occurrence in the text,
 * or that are the organisation's own phone numbers or domains. */
/* The longest run between an allowed street address and the rest of
 * that address (unit, town, state, ZIP). */
enum { ADDRESS_TAIL_MAX = 48 };

/* The finding over bytes [a, b) is the organisation's address with more
 * after it: an allowed address starts at or before a (a then at most
 * ADDRESS_TAIL_MAX bytes after its end), and what follows it up to b is
 * the rest of an address: capitalised words, numbers, spaces, commas,
 * periods, '#' and '-' ("100 Harbor Way, Suite 200, Providence, RI
 * 02903"), not a sentence going on ("100 Harbor Way, then 12 Elm St"). */
static int
allowed_address_and_rest(const struct scan *s, const struct phi_config *cfg,
    size_t a, size_t b)
{
	const char *t = s->text;
	for (size_t k = 0; k < cfg->nvalues[PHI_ALLOW_ADDRESS]; k++) {
		const char *v = cfg->values[PHI_ALLOW_ADDRESS][k];
		size_t l = strlen(v);
		size_t lo = a > l + ADDRESS_TAIL_MAX ? a - l - ADDRESS_TAIL_MAX : 0;
		for (size_t st = lo; st <= a && st + l <= s->len; st++) {
			if (!ci_equal(t + st, v, l) || b - st > l +
			    2 * ADDRESS_TAIL_MAX)
				continue;
			int ok = 1, word_start = 1;
			for (size_t q = st + l; q < b && ok; q++) {
				unsigned char c = (unsigned char)t[q];
				if (is_alpha(c) || is_digit(c)) {
					if (word_start && c >= 'a' && c <= 'z')
						ok = 0;
					word_start = 0;
				} else {
					ok = c == ' ' || c == ',' || c == '.' ||
					    c == '#' || c == '-';
					word_start = 1;
				}
			}
			if (ok)
				return 1;
		}
	}
	return 0;
}

static void
apply_allow_list(struct scan *s, const struct phi_config *cfg)
{
	struct phi_findings *o = s->out;
	size_t kept = 0;
	for (size_t f = 0; f < o->n; f++) {
		struct phi_finding *x = &o->items[f];
		int drop = 0;
		if (x->category == PHI_PHONE || x->category == PHI_FAX) {
			char d[32];
			phone_digits(s->text, x->start, x->end, d, sizeof(d));
			for (size_t k = 0; k < cfg->nvalues[PHI_ALLOW_PHONE]; k++)
				if (strcmp(cfg->values[PHI_ALLOW_PHONE][k], d) == 0)
					drop = 1;
		}
		if (x->category == PHI_EMAIL || x->category == PHI_URL) {
			/* the host: after '@', or after the scheme */
			size_t a = x->start, b;
			const char *t = s->text;
			for (size_t k = x->start; k < x->end; k++)
				if (t[k] == '@') {
					a = k + 1;
					break;
				}
			if (a == x->start) {
				if (x->end - a > 8 && strncasecmp(t + a, "https://", 8) == 0)
					a += 8;
				else if (x->end - a > 7 &&
				    strncasecmp(t + a, "http://", 7) == 0)
					a += 7;
			}
			b = a;
			while (b < x->end && host_char((unsigned char)t[b]))
				b++;
			for (size_t k = 0; k < cfg->nvalues[PHI_ALLOW_DOMAIN]; k++) {
				const char *dmn = cfg->values[PHI_ALLOW_DOMAIN][k];
				size_t l = strlen(dmn);
				if (b - a >= l && ci_equal(t + b - l, dmn, l) &&
				    (b - a == l || t[b - l - 1] == '.'))
					drop = 1;
			}
		}
		if (x->category == PHI_HANDLE)
			for (size_t k = 0; k < cfg->nvalues[PHI_ALLOW_HANDLE]; k++) {
				const char *h = cfg->values[PHI_ALLOW_HANDLE][k];
				size_t l = strlen(h);
				if (x->end - x->start == l &&
				    ci_equal(s->text + x->start, h, l))
					drop = 1;
			}
		/* The rest of the organisation's address after its street
		 * ("100 Harbor Way, Suite 200", "..., Providence, RI 02903") */
		if ((x->category == PHI_ADDRESS || x->category == PHI_ZIP) &&
		    cfg->nvalues[PHI_ALLOW_ADDRESS] > 0)
			drop = allowed_address_and_rest(s, cfg, x->start,
			    x->end);
		/* Text values: any finding inside an occurrence. */
		static const enum phi_allow_kind textual[] = { PHI_ALLOW_NAME,
		    PHI_ALLOW_ADDRESS, PHI_ALLOW_HASHTAG, PHI_ALLOW_DOMAIN };
		for (size_t q = 0; q < 4 && !drop; q++) {
			enum phi_allow_kind kd = textual[q];
			for (size_t k = 0; k < cfg->nvalues[kd] && !drop; k++) {
				const char *v = cfg->values[kd][k];
				size_t l = strlen(v);
				size_t lo = x->end > l ? x->end - l : 0;
				for (size_t st = lo; st <= x->start && !drop; st++)
					if (st + l <= s->len && st + l >= x->end &&
					    ci_equal(s->text + st, v, l))
						drop = 1;
			}
		}
		if (!drop)
			o->items[kept++] = *x;
	}
	o->n = kept;
}

/* ------------------------------------------------------------- finish */

/* Finding x goes before y: by start, the wider first, then by category. */
static inline int
finding_before(const struct phi_finding *x, const struct phi_finding *y)
{
	if (x->start != y->start)
		return x->start < y->start;
	if (x->end != y->end)
		return x->end > y->end;
	return x->category < y->category;
}

/* Sorts o's findings, stably: of two findings with the same span and
 * category the one a rule made first stays first (the merge below keeps
 * its rule name at equal severity). Each rule makes its findings in text
 * order, so the list is a few ascending runs; they are merged pairwise
 * (natural merge sort) through o->sorted, which is kept between calls.
 * Returns 0 or -1 when out of memory. */
static int
sort_findings(struct phi_findings *o)
{
	size_t n = o->n, i;
	for (i = 1; i < n && !finding_before(&o->items[i], &o->items[i - 1]); i++)
		;
	if (i >= n)
		return 0;
	if (n > o->capsorted) {
		struct phi_finding *p = realloc(o->sorted, n * sizeof(*p));
		if (p == NULL)
			return -1;
		o->sorted = p;
		o->capsorted = n;
	}
	struct phi_finding *from = o->items, *to = o->sorted;
	for (;;) {
		size_t a = 0, runs = 0;
		while (a < n) {
			size_t b = a + 1;
			while (b < n && !finding_before(&from[b], &from[b - 1]))
				b++;
			size_t c = b < n ? b + 1 : n;
			while (c < n && !finding_before(&from[c], &from[c - 1]))
				c++;
			/* merge [a, b) and [b, c); ties from the left run */
			size_t x = a, y = b, k = a;
			while (x < b && y < c)
				to[k++] = finding_before(&from[y], &from[x]) ?
				    from[y++] : from[x++];
			while (x < b)
				to[k++] = from[x++];
			while (y < c)
				to[k++] = from[y++];
			runs++;
			a = c;
		}
		struct phi_finding *t = from;
		from = to;
		to = t;
		if (runs == 1)
			break;
	}
	if (from != o->items) {
		/* the sorted list is in the scratch buffer: swap the two */
		struct phi_finding *items = o->items;
		size_t cap = o->cap;
		o->items = o->sorted;
		o->cap = o->capsorted;
		o->sorted = items;
		o->capsorted = cap;
	}
	return 0;
}

/* Sorts and merges overlapping findings of one category (the wider span,
 * the stronger severity). Returns 0 or -1 when out of memory. */
static int
sort_and_merge(struct phi_findings *o)
{
	if (o->n < 2)
		return 0;
	if (sort_findings(o) < 0)
		return -1;
	/* Sorted by start, so an overlap in a category can only be with the
	 * last finding kept in that category. */
	size_t last[PHI__MAX];
	for (int c = 0; c < PHI__MAX; c++)
		last[c] = (size_t)-1;
	size_t kept = 0;
	for (size_t i = 0; i < o->n; i++) {
		struct phi_finding x = o->items[i];
		size_t l = last[x.category];
		if (l != (size_t)-1 && o->items[l].end > x.start) {
			struct phi_finding *y = &o->items[l];
			if (x.end > y->end)
				y->end = x.end;
			if (x.severity > y->severity) {
				y->severity = x.severity;
				y->rule = x.rule;
			}
			continue;
		}
		last[x.category] = kept;
		o->items[kept++] = x;
	}
	o->n = kept;
	return 0;
}

/* Runs every pass's starts_* test on every token (see cand_next): the
 * two planes of candidate bits and the passes that have any. Returns 0,
 * or -1 when out of memory. */
static int
mark_candidates(struct scan *s)
{
	struct phi_findings *o = s->out;
	size_t padded = (s->n + 63) / 64 * 64;
	s->cand_any = 0;
	s->cand_word = (size_t)-1;
	if (s->n == 0)
		return 0; /* nothing to visit (and perhaps no planes yet) */
	if (2 * padded > o->capcand) {
		unsigned char *p = realloc(o->cand, 2 * padded);
		if (p == NULL)
			return -1;
		o->cand = p;
		o->capcand = 2 * padded;
	}
	unsigned char *lo = o->cand, *hi = o->cand + padded;
	uint32_t any = 0;
#define CAND(test, pass) ((unsigned)(test(s, t) != 0) << ((pass) % 8))
	for (size_t i = 0; i < s->n; i++) {
		const struct phi_token *t = &s->t[i];
		unsigned m0, m1;
		/* one branch on the kind: most tests want a word, the number
		 * tests a number or punctuation, so each kind runs only the
		 * tests it can pass (all of them computed branch-free cost
		 * twice the instructions) */
		if (t->kind == TK_WORD) {
			m0 = CAND(starts_name, CP_NAME) |
			    CAND(starts_unknown_name, CP_UNKNOWN_NAME) |
			    CAND(starts_lower_name, CP_LOWER_NAME) |
			    CAND(starts_phone_label, CP_PHONE_LABEL) |
			    CAND(starts_initial_or_pair, CP_INITIAL_OR_PAIR) |
			    CAND(starts_lone_surname, CP_LONE_SURNAME) |
			    CAND(starts_date, CP_DATE);
			m1 = CAND(starts_address, CP_ADDRESS) |
			    CAND(starts_credential, CP_CREDENTIAL) |
			    CAND(starts_doctor_or_initial,
			    CP_DOCTOR_OR_INITIAL) |
			    CAND(starts_staff_title, CP_STAFF_TITLE) |
			    CAND(starts_repeat, CP_REPEAT) |
			    CAND(starts_age_word, CP_AGE_WORD) |
			    CAND(starts_digit_word, CP_DIGIT_WORD);
		} else {
			m0 = CAND(starts_number, CP_NUMBER) |
			    CAND(starts_date, CP_DATE);
			m1 = CAND(starts_age_number, CP_AGE_NUMBER) |
			    CAND(starts_address, CP_ADDRESS);
		}
		lo[i] = (unsigned char)m0;
		hi[i] = (unsigned char)m1;
		any |= m0 | m1 << 8;
	}
#undef CAND
	memset(lo + s->n, 0, padded - s->n);
	memset(hi + s->n, 0, padded - s->n);
	s->cand[0] = lo;
	s->cand[1] = hi;
	s->cand_any = any;
	return 0;
}

/* Scans one piece of text (all of it, for any text up to PIECE_MAX)
 * into out, replacing its findings. */
static int
scan_piece(const char *text, size_t len, const struct phi_config *cfg,
    struct phi_findings *out)
{
	struct scan s;
	memset(&s, 0, sizeof(s));
	s.anyone = -1; /* not asked yet (anyone_named) */
	s.text = text;
	s.len = len;
	s.out = out;
	out->n = 0;
	if (len >= UINT32_MAX)
		return -1;
	/* the lowered copy ends in WORD_KEY_MAX zero bytes, so that a word's
	 * key can be read 8 bytes at a time (word_key) */
	if (len + WORD_KEY_MAX > out->caplowered) {
		size_t cap = len + WORD_KEY_MAX < 4096 ? 4096 : len + WORD_KEY_MAX;
		char *p = realloc(out->lowered, cap);
		if (p == NULL)
			return -1;
		out->lowered = p;
		out->caplowered = cap;
	}
	/* branch-free, so that the compiler can do it 16 or 32 bytes at a
	 * time */
	{
		const unsigned char *from = (const unsigned char *)text;
		unsigned char *to = (unsigned char *)out->lowered;
		for (size_t i = 0; i < len; i++)
			to[i] = (unsigned char)(from[i] +
			    (((unsigned char)(from[i] - 'A') < 26) << 5));
		memset(to + len, 0, WORD_KEY_MAX);
	}
	s.lt = out->lowered;
	if (tokenize(&s) < 0 || mark_candidates(&s) < 0)
		return -1;
	out->ntoks = s.n;
	/* Passes that can only start on a kind of token the text lacks are
	 * skipped: a post without numbers has no dates in digits or ages. */
	rule_names(&s);
	if (s.any_flags & D_LABEL)
		rule_labels(&s);
	if (s.nnum > 0)
		rule_numbers(&s);
	if (s.nalnum > 0)
		rule_shapes(&s);
	rule_addresses(&s);
	rule_facilities(&s);
	rule_congregations(&s);
	rule_staff_names(&s);
	if (s.cand_any & (1u << CP_DATE))
		rule_written_dates(&s);
	if (s.nnum > 0) {
		rule_short_years(&s);
		rule_ages(&s);
	}
	if (s.cand_any & (1u << CP_AGE_WORD))
		rule_age_words(&s);
	rule_links(&s);
	if (memchr(text, '#', len) != NULL)
		rule_hashtag_names(&s);
	if ((s.any_flags & D_PHONECTX) && (s.cand_any & (1u << CP_DIGIT_WORD)))
		rule_spelled_phones(&s);
	if (s.any_flags & D_STREETPREP) /* "at" is one */
		rule_spelled_emails(&s);
	if (out->n > 0)
		rule_repeats(&s);
	if (s.failed)
		return -1;
	if (cfg != NULL)
		apply_allow_list(&s, cfg);
	return sort_and_merge(out);
}

/* A text longer than this is scanned in pieces (phi_scan). More than any
 * post can hold (Facebook's 63,206 characters at four bytes each), so a
 * post is always one piece; small enough that a piece's tokens (about
 * eight times its bytes) stay in the processor's caches, where a 10 MB
 * text scanned whole read them from memory on every pass and ran a third
 * slower per byte than a 1 MB one. */
enum { PIECE_MAX = 256 * 1024 };

/* The length of the next piece of text[0..len): up to PIECE_MAX bytes,
 * ending after its last newline, else its last space or tab, else
 * before a UTF-8 sequence, so no word is cut unless a line holds
 * PIECE_MAX bytes without a blank. */
static size_t
piece_length(const char *text, size_t len)
{
	if (len <= PIECE_MAX)
		return len;
	const char *nl = NULL;
	for (size_t k = PIECE_MAX; k > 0 && nl == NULL; k--)
		if (text[k - 1] == '\n')
			nl = text + k;
	if (nl != NULL)
		return (size_t)(nl - text);
	for (size_t k = PIECE_MAX; k > 0; k--)
		if (text[k - 1] == ' ' || text[k - 1] == '\t')
			return k;
	size_t k = PIECE_MAX;
	while (k > PIECE_MAX - 3 && ((unsigned char)text[k] & 0xc0) == 0x80)
		k--;
	return k;
}

int
phi_scan(const char *text, size_t len, const struct phi_config *cfg,
    struct phi_findings *out)
{
	if (len <= PIECE_MAX)
		return scan_piece(text, len, cfg, out);
	/* Each piece is scanned as a text of its own, into out->piece, and
	 * its findings are moved here: what is decided for the whole text
	 * (whether anyone is named, a name found once found again, mostly
	 * capitals) is decided for each piece. */
	if (out->piece == NULL) {
		out->piece = malloc(sizeof(*out->piece));
		if (out->piece == NULL)
			return -1;
		phi_findings_init(out->piece);
	}
	struct phi_findings *p = out->piece;
	size_t at = 0, ntoks = 0;
	out->n = 0;
	while (at < len) {
		size_t n = piece_length(text + at, len - at);
		if (scan_piece(text + at, n, cfg, p) < 0 ||
		    reserve_findings(out, out->n + p->n) < 0)
			return -1;
		for (size_t k = 0; k < p->n; k++) {
			struct phi_finding f = p->items[k];
			f.start += at;
			f.end += at;
			out->items[out->n++] = f;
		}
		ntoks += p->ntoks;
		at += n;
	}
	out->ntoks = ntoks;
	return 0;
}

/* --------------------------------------------------------- public bits */

static const char *const category_names[PHI__MAX] = {
	"NAME", "DATE", "AGE", "PHONE", "FAX", "EMAIL", "URL", "IP", "SSN",
	"MRN", "HEALTHPLAN", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE",
	"ADDRESS", "ZIP", "ROOM", "HANDLE",
};

const char *
phi_category_name(enum phi_category c)
{
	return c < PHI__MAX ? category_names[c] : "?";
}

enum phi_category
phi_category_from_name(const char *name, size_t len)
{
	for (int c = 0; c < PHI__MAX; c++)
		if (strlen(category_names[c]) == len &&
		    strncmp(category_names[c], name, len) == 0)
			return (enum phi_category)c;
	return PHI__MAX;
}

const char *
phi_severity_name(enum phi_severity s)
{
	return s == PHI_BLOCK ? "block" : "review";
}

void
phi_findings_init(struct phi_findings *f)
{
	memset(f, 0, sizeof(*f));
}

void
phi_findings_free(struct phi_findings *f)
{
	if (f->piece != NULL) {
		phi_findings_free(f->piece);
		free(f->piece);
	}
	free(f->items);
	free(f->toks);
	free(f->lowered);
	free(f->sorted);
	free(f->cand);
	memset(f, 0, sizeof(*f));
}

void
phi_config_init(struct phi_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

int
phi_config_add(struct phi_config *cfg, enum phi_allow_kind kind,
    const char *value)
{
	char *v;
	size_t n = strlen(value);
	if (kind >= PHI_ALLOW__MAX)
		return -1;
	v = malloc(n + 1);
	if (v == NULL)
		return -1;
	if (kind == PHI_ALLOW_PHONE) {
		phone_digits(value, 0, n, v, n + 1);
	} else {
		size_t o = 0;
		int sp = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)value[i];
			if (c == ' ' || c == '\t') {
				sp = o > 0;
				continue;
			}
			if (sp)
				v[o++] = ' ';
			sp = 0;
			v[o++] = (char)lower(c);
		}
		v[o] = '\0';
	}
	if (v[0] == '\0') {
		free(v);
		return 0;
	}
	char **list = realloc(cfg->values[kind], (cfg->nvalues[kind] + 1) *
	    sizeof(char *));
	if (list == NULL) {
		free(v);
		return -1;
	}
	cfg->values[kind] = list;
	list[cfg->nvalues[kind]++] = v;
	return 0;
}

int
phi_config_parse(struct phi_config *cfg, const char *text, size_t len)
{
	static const char *const kinds[PHI_ALLOW__MAX] = { "phone", "domain",
	    "address", "hashtag", "name", "handle" };
	size_t p = 0;
	int line = 0;
	while (p < len) {
		size_t e = p;
		char buf[512];
		while (e < len && text[e] != '\n')
			e++;
		line++;
		size_t a = p, b = e;
		p = e + 1;
		while (a < b && (text[a] == ' ' || text[a] == '\t'))
			a++;
		while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\r' ||
		    text[b - 1] == '\t'))
			b--;
		if (a == b || text[a] == '#')
			continue;
		const char *colon = memchr(text + a, ':', b - a);
		if (colon == NULL)
			return line;
		size_t kl = (size_t)(colon - (text + a));
		int kind = -1;
		for (int k = 0; k < PHI_ALLOW__MAX; k++)
			if (strlen(kinds[k]) == kl && ci_equal(text + a, kinds[k], kl))
				kind = k;
		size_t vs = (size_t)(colon - text) + 1;
		while (vs < b && (text[vs] == ' ' || text[vs] == '\t'))
			vs++;
		if (kind < 0 || b - vs >= sizeof(buf) || b == vs)
			return line;
		memcpy(buf, text + vs, b - vs);
		buf[b - vs] = '\0';
		if (phi_config_add(cfg, (enum phi_allow_kind)kind, buf) < 0)
			return line;
	}
	return 0;
}

void
phi_config_free(struct phi_config *cfg)
{
	for (int k = 0; k < PHI_ALLOW__MAX; k++) {
		for (size_t i = 0; i < cfg->nvalues[k]; i++)
			free(cfg->values[k][i]);
		free(cfg->values[k]);
	}
	memset(cfg, 0, sizeof(*cfg));
}
