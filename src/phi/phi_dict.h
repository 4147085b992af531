/* phi_dict.h — the scanner's word table, generated at build time by
 * gendict from the lists in src/phi/data/, src/phi/lexicon.txt and Debian's
 * /usr/share/dict/american-english. Read-only, shared by every thread. */
#ifndef CP_PHI_DICT_H
#define CP_PHI_DICT_H

#include <stddef.h>
#include <stdint.h>

enum phi_dict_flag {
	D_FIRST = 1u << 0,     /* given name */
	D_SURNAME = 1u << 1,
	D_PLACE = 1u << 2,     /* US city, town or county */
	D_STATE = 1u << 3,     /* state name or abbreviation (not PHI) */
	D_ENGLISH = 1u << 4,   /* an ordinary lowercase English word */
	D_TITLE = 1u << 5,
	D_CLIN = 1u << 6,
	D_PERSON = 1u << 7,
	D_RELATIVE = 1u << 8,
	D_DATECTX = 1u << 9,
	D_AGECTX = 1u << 10,
	D_MONTH = 1u << 11,
	D_DAY = 1u << 12,
	D_SEASON = 1u << 13,
	D_EPONYM = 1u << 14,
	D_ORG = 1u << 15,
	D_STREET = 1u << 16,
	D_SCHOOL = 1u << 17,
	D_PLACEPREP = 1u << 18,
	D_REGION = 1u << 19,
	D_NOTNAME = 1u << 20,
	D_LABEL = 1u << 21,    /* first word of an identifier label */
	D_PHONECTX = 1u << 22, /* call, phone, cell… before a number */
	D_FAXCTX = 1u << 23,
	D_UNIT = 1u << 24,     /* cup, of, miles… after a fraction */
	D_PRONOUN = 1u << 25,  /* he, she, his, her: a person is meant */
	D_EVENT = 1u << 26,    /* join, class, event: a public date */
	D_NEIGHBOR = 1u << 27, /* neighborhood, neighbors: a place before */
	D_AGEUNIT = 1u << 28,  /* years, months, yo: "N years old" */
	D_COPULA = 1u << 29,   /* is, was, reached: "is 96" */
	D_STREETPREP = 1u << 30, /* on, at, off: "on Linden Street" */
	D_MOVED = 1u << 31,    /* transferred, taken, sent: to a facility */
};

/* One slot of the word table, an open-addressing hash table probed
 * linearly from the word's hash (phi_dict_hash). A word of up to 8 bytes
 * is held as its key, its bytes packed into 64 bits as phi_dict_key_hash
 * takes them, so a lookup compares one integer and reads one cache line
 * (four slots to a line); a longer word is held as its offset into
 * phi_dict_pool. len 0: an empty slot, which ends a probe. */
struct phi_dict_slot {
	uint64_t word;   /* key (len <= 8) or offset into phi_dict_pool */
	uint32_t flags;
	uint16_t len;
	uint16_t first_weight; /* 0..65535, higher = more common given name */
};

/* The first words of the table's phrases marked EPONYM (public figures,
 * brands, slogans: "florence nightingale"), as a set of 256 bits over
 * their keys (phi_dict_phrase_bit; a first word longer than 8 bytes has
 * key 0): a word whose bit is clear starts none of them, so the scanner
 * looks such a phrase up only after a word whose bit is set. */
extern const uint64_t phi_dict_phrase_starts[4];
/* The same for their last words ("nightingale"). */
extern const uint64_t phi_dict_phrase_ends[4];

static inline unsigned
phi_dict_phrase_bit(uint64_t key)
{
	return (unsigned)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 56);
}

/* The words longer than 8 bytes, back to back. */
extern const char phi_dict_pool[];
extern const struct phi_dict_slot phi_dict_slots[];
extern const uint32_t phi_dict_mask;    /* table size - 1 */

/* The hash of a word; the generator and the scanner must agree. A word
 * of up to 8 bytes is its bytes packed into 64 bits, the first in the
 * lowest byte (the scanner has this "key" of every word already), times
 * a large odd constant, high half; a longer word is FNV-1a of its
 * bytes. */
static inline uint32_t
phi_dict_key_hash(uint64_t key)
{
	return (uint32_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 32);
}

/* The key of a word: its first 8 bytes packed into 64 bits, the first
 * in the lowest byte (a word of up to 8 bytes is its key). */
static inline uint64_t
phi_dict_key(const unsigned char *s, size_t n)
{
	uint64_t k = 0;
	for (size_t i = 0; i < n && i < 8; i++)
		k |= (uint64_t)s[i] << (8 * i);
	return k;
}

static inline uint32_t
phi_dict_hash(const unsigned char *s, size_t n)
{
	if (n <= 8)
		return phi_dict_key_hash(phi_dict_key(s, n));
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 16777619u;
	}
	return h;
}

#endif
