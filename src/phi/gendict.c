/* gendict — build-time generator of the scanner's word table.
 *
 * usage: gendict OUT.c SPEC...
 *   SPEC is FLAGNAME:path for a word list ("word" or "word<TAB>weight" per
 *   line, '#' comments), LEXICON:path for "word<TAB>FLAG,FLAG" lines, or
 *   ENGLISH:path for a system word list (only all-lowercase ASCII words
 *   count as ordinary English). A missing ENGLISH list is a warning, any
 *   other missing file an error. Output: a C file defining phi_dict_*. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phi_dict.h"

struct word {
	char *s;
	uint32_t flags;
	uint32_t weight;
};

static struct word *words;
static size_t nwords, capwords;
static uint32_t *table;
static uint32_t tsize;

static const struct {
	const char *name;
	uint32_t flag;
} flag_names[] = {
	{ "FIRST", D_FIRST }, { "SURNAME", D_SURNAME }, { "PLACE", D_PLACE },
	{ "STATE", D_STATE }, { "ENGLISH", D_ENGLISH }, { "TITLE", D_TITLE },
	{ "CLIN", D_CLIN }, { "PERSON", D_PERSON }, { "RELATIVE", D_RELATIVE },
	{ "DATECTX", D_DATECTX }, { "AGECTX", D_AGECTX }, { "MONTH", D_MONTH },
	{ "DAY", D_DAY }, { "SEASON", D_SEASON }, { "EPONYM", D_EPONYM },
	{ "ORG", D_ORG }, { "STREET", D_STREET }, { "SCHOOL", D_SCHOOL },
	{ "PLACEPREP", D_PLACEPREP }, { "REGION", D_REGION },
	{ "NOTNAME", D_NOTNAME }, { "LABEL", D_LABEL },
	{ "PHONECTX", D_PHONECTX }, { "FAXCTX", D_FAXCTX }, { "UNIT", D_UNIT },
	{ "PRONOUN", D_PRONOUN }, { "EVENT", D_EVENT },
	{ "NEIGHBOR", D_NEIGHBOR }, { "AGEUNIT", D_AGEUNIT },
	{ "COPULA", D_COPULA }, { "STREETPREP", D_STREETPREP },
	{ "MOVED", D_MOVED },
};

static uint32_t
flag_by_name(const char *n, size_t len)
{
	for (size_t i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (strlen(flag_names[i].name) == len &&
		    strncmp(flag_names[i].name, n, len) == 0)
			return flag_names[i].flag;
	fprintf(stderr, "gendict: unknown flag %.*s\n", (int)len, n);
	exit(1);
}

static void
grow_table(void);

static struct word *
find_or_add(const char *s)
{
	size_t len = strlen(s);
	if (tsize == 0 || nwords * 2 >= tsize)
		grow_table();
	uint32_t h = phi_dict_hash((const unsigned char *)s, len) & (tsize - 1);
	while (table[h] != 0) {
		struct word *w = &words[table[h] - 1];
		if (strcmp(w->s, s) == 0)
			return w;
		h = (h + 1) & (tsize - 1);
	}
	if (nwords == capwords) {
		capwords = capwords ? capwords * 2 : 4096;
		words = realloc(words, capwords * sizeof(*words));
		if (words == NULL)
			exit(1);
	}
	words[nwords].s = strdup(s);
	words[nwords].flags = 0;
	words[nwords].weight = 0;
	nwords++;
	table[h] = (uint32_t)nwords;
	return &words[nwords - 1];
}

static void
grow_table(void)
{
	uint32_t nsize = tsize ? tsize * 2 : 1u << 16;
	free(table);
	table = calloc(nsize, sizeof(uint32_t));
	if (table == NULL)
		exit(1);
	tsize = nsize;
	for (size_t i = 0; i < nwords; i++) {
		uint32_t h = phi_dict_hash((const unsigned char *)words[i].s,
		    strlen(words[i].s)) & (tsize - 1);
		while (table[h] != 0)
			h = (h + 1) & (tsize - 1);
		table[h] = (uint32_t)(i + 1);
	}
}

static void
lowercase(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int
load(const char *kind, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int english = strcmp(kind, "ENGLISH") == 0;
	int lexicon = strcmp(kind, "LEXICON") == 0;
	uint32_t flag = (english || lexicon) ? 0 : flag_by_name(kind,
	    strlen(kind));

	if (f == NULL) {
		fprintf(stderr, "gendict: %s %s: cannot open\n",
		    english ? "warning:" : "error:", path);
		return english ? 0 : -1;
	}
	if (english)
		flag = D_ENGLISH;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *tab = strchr(line, '\t');
		if (tab != NULL)
			*tab++ = '\0';
		if (line[0] == '\0')
			continue; /* len 0 marks an empty slot */
		if (english) {
			int ok = 1;
			for (char *p = line; *p; p++)
				if (*p < 'a' || *p > 'z')
					ok = 0;
			if (!ok)
				continue;
		}
		lowercase(line);
		struct word *w = find_or_add(line);
		if (lexicon) {
			const char *p = tab ? tab : "";
			while (*p) {
				size_t n = strcspn(p, ",");
				w->flags |= flag_by_name(p, n);
				p += n;
				if (*p == ',')
					p++;
			}
		} else {
			w->flags |= flag;
			/* states.txt: "maryland<TAB>md" names both forms. */
			if (flag == D_STATE && tab != NULL && isalpha((unsigned char)
			    tab[0])) {
				lowercase(tab);
				find_or_add(tab)->flags |= D_STATE;
				w = NULL;
				continue;
			}
			if (flag == D_FIRST) {
				unsigned long wt = tab ? strtoul(tab, NULL, 10) : 1;
				if (wt > w->weight)
					w->weight = (uint32_t)wt;
			}
		}
	}
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	FILE *out;
	uint32_t maxw = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: gendict OUT.c KIND:path...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		char *colon = strchr(argv[i], ':');
		if (colon == NULL)
			return 2;
		*colon = '\0';
		if (load(argv[i], colon + 1) < 0)
			return 1;
	}
	for (size_t i = 0; i < nwords; i++)
		if (words[i].weight > maxw)
			maxw = words[i].weight;
	out = fopen(argv[1], "w");
	if (out == NULL)
		return 1;
	fprintf(out, "/* Generated by gendict: do not edit. %zu words. */\n"
	    "#include \"../../src/phi/phi_dict.h\"\n\n"
	    "const char phi_dict_pool[] =\n", nwords);
	/* the words of more than 8 bytes: the others are their keys */
	size_t off = 0;
	uint32_t *offs = malloc(nwords * sizeof(uint32_t));
	if (offs == NULL)
		return 1;
	for (size_t i = 0; i < nwords; i++) {
		offs[i] = (uint32_t)off;
		if (strlen(words[i].s) <= 8)
			continue;
		fprintf(out, "\t\"");
		for (const char *p = words[i].s; *p; p++) {
			unsigned char c = (unsigned char)*p;
			if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f)
				fprintf(out, "\\%03o", c);
			else
				fputc(c, out);
		}
		fprintf(out, "\"\n");
		off += strlen(words[i].s);
	}
	fprintf(out, "\t\"\";\n\n"
	    "_Alignas(64) const struct phi_dict_slot phi_dict_slots[] = {\n");
	for (uint32_t h = 0; h < tsize; h++) {
		if (table[h] == 0) {
			fprintf(out, "{0},%s", (h % 8 == 7) ? "\n" : "");
			continue;
		}
		const struct word *w = &words[table[h] - 1];
		size_t len = strlen(w->s);
		uint64_t word = len <= 8 ? phi_dict_key((const unsigned char *)
		    w->s, len) : offs[table[h] - 1];
		/* Weights scaled to 1..65535 (log-free: relative frequency). */
		unsigned long wt = w->weight ? 1 + (unsigned long)
		    ((double)w->weight / maxw * 65534.0) : 0;
		fprintf(out, "{0x%llx,0x%x,%zu,%lu},%s",
		    (unsigned long long)word, w->flags, len, wt,
		    (h % 8 == 7) ? "\n" : "");
	}
	fprintf(out, "};\n\nconst uint32_t phi_dict_mask = %uu;\n", tsize - 1);
	/* the first words of the EPONYM phrases (phi_dict_phrase_starts) */
	/* and of their last words (phi_dict_phrase_ends) */
	uint64_t starts[4] = { 0, 0, 0, 0 }, ends[4] = { 0, 0, 0, 0 };
	for (size_t i = 0; i < nwords; i++) {
		const char *sp = strchr(words[i].s, ' ');
		if (sp == NULL || !(words[i].flags & D_EPONYM))
			continue;
		size_t fl = (size_t)(sp - words[i].s);
		uint64_t key = fl <= 8 ? phi_dict_key((const unsigned char *)
		    words[i].s, fl) : 0;
		unsigned b = phi_dict_phrase_bit(key);
		starts[b >> 6] |= (uint64_t)1 << (b & 63);
		const char *last = strrchr(words[i].s, ' ') + 1;
		size_t ll = strlen(last);
		key = ll <= 8 ? phi_dict_key((const unsigned char *)last, ll) : 0;
		b = phi_dict_phrase_bit(key);
		ends[b >> 6] |= (uint64_t)1 << (b & 63);
	}
	fprintf(out, "\nconst uint64_t phi_dict_phrase_starts[4] = { "
	    "0x%llxu, 0x%llxu, 0x%llxu, 0x%llxu };\n",
	    (unsigned long long)starts[0], (unsigned long long)starts[1],
	    (unsigned long long)starts[2], (unsigned long long)starts[3]);
	fprintf(out, "const uint64_t phi_dict_phrase_ends[4] = { "
	    "0x%llxu, 0x%llxu, 0x%llxu, 0x%llxu };\n",
	    (unsigned long long)ends[0], (unsigned long long)ends[1],
	    (unsigned long long)ends[2], (unsigned long long)ends[3]);
	free(offs);
	fclose(out);
	return 0;
}
