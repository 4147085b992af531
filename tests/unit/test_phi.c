/* The PHI scanner against labelled drafts (tests/phi/): recall per category
 * on positive.txt, the false-flag rate on clean.txt, and the contract
 * (bounds, order, allow-list, hostile input). PHI_VERBOSE=1 prints every
 * miss and false flag (the test texts are invented). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/util.h"
#include "../../src/phi/phi.h"

#ifndef TEST_ROOT
#define TEST_ROOT "."
#endif

/* Quality bars for the labelled set: measured figures are printed, these
 * are the floors a change may not fall under. Every clean post must come
 * back clean: each is a trap a real post fell into once, and a change
 * that flags one again should be looked at, not averaged away. */
#define MIN_RECALL 0.93
#define MIN_CATEGORY_RECALL 0.80
#define MAX_CLEAN_FLAG_RATE 0.0

struct gold {
	size_t start, end;
	enum phi_category cat;
};

static struct phi_config allow;

static char *
slurp(const char *name, size_t *len)
{
	char path[512];
	struct sbuf b;
	char chunk[8192];
	size_t n;
	snprintf(path, sizeof(path), TEST_ROOT "/tests/phi/%s", name);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	sbuf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sbuf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.data;
}

/* Strips {{CAT:text}} markup from line into out, recording the spans.
 * Returns the plain length, or -1 on bad markup. */
static long
strip_markup(const char *line, size_t n, char *out, struct gold *g,
    size_t *ng, size_t maxg)
{
	size_t o = 0;
	*ng = 0;
	for (size_t i = 0; i < n;) {
		if (i + 1 < n && line[i] == '{' && line[i + 1] == '{') {
			const char *colon = memchr(line + i, ':', n - i);
			if (colon == NULL || *ng == maxg)
				return -1;
			enum phi_category c = phi_category_from_name(line + i + 2,
			    (size_t)(colon - line) - i - 2);
			if (c == PHI__MAX)
				return -1;
			size_t j = (size_t)(colon - line) + 1, start = o;
			while (j + 1 < n && !(line[j] == '}' && line[j + 1] == '}'))
				out[o++] = line[j++];
			if (j + 1 >= n)
				return -1;
			g[*ng].start = start;
			g[*ng].end = o;
			g[*ng].cat = c;
			(*ng)++;
			i = j + 2;
		} else {
			out[o++] = line[i++];
		}
	}
	out[o] = '\0';
	return (long)o;
}

static void
labelled_drafts_meet_the_quality_bar(void **state)
{
	size_t len, clen;
	char *pos = slurp("positive.txt", &len);
	char *clean = slurp("clean.txt", &clen);
	struct phi_findings f;
	size_t found[PHI__MAX] = { 0 }, total[PHI__MAX] = { 0 }, any = 0;
	size_t gold_n = 0, lines = 0, flagged = 0;
	int verbose = getenv("PHI_VERBOSE") != NULL;
	(void)state;
	assert_non_null(pos);
	assert_non_null(clean);
	phi_findings_init(&f);

	for (char *p = pos, *e; p < pos + len; p = e + 1) {
		e = memchr(p, '\n', (size_t)(pos + len - p));
		if (e == NULL)
			e = pos + len;
		if (e == p || *p == '#')
			continue;
		char text[4096];
		struct gold g[64];
		size_t ng;
		assert_true((size_t)(e - p) < sizeof(text));
		long tl = strip_markup(p, (size_t)(e - p), text, g, &ng, 64);
		assert_true(tl >= 0);
		assert_int_equal(phi_scan(text, (size_t)tl, &allow, &f), 0);
		for (size_t k = 0; k < ng; k++) {
			int same = 0, other = 0;
			for (size_t x = 0; x < f.n; x++)
				if (f.items[x].start < g[k].end &&
				    g[k].start < f.items[x].end) {
					if (f.items[x].category == g[k].cat)
						same = 1;
					else
						other = 1;
				}
			total[g[k].cat]++;
			gold_n++;
			found[g[k].cat] += (size_t)same;
			any += (size_t)(same || other);
			if (!same && verbose)
				printf("MISS %-10s %.*s | %s\n",
				    phi_category_name(g[k].cat),
				    (int)(g[k].end - g[k].start), text + g[k].start,
				    text);
		}
	}
	for (char *p = clean, *e; p < clean + clen; p = e + 1) {
		e = memchr(p, '\n', (size_t)(clean + clen - p));
		if (e == NULL)
			e = clean + clen;
		if (e == p || *p == '#')
			continue;
		lines++;
		assert_int_equal(phi_scan(p, (size_t)(e - p), &allow, &f), 0);
		if (f.n > 0) {
			flagged++;
			if (verbose)
				for (size_t x = 0; x < f.n; x++)
					printf("FALSE %-10s %.*s | %.*s\n",
					    phi_category_name(f.items[x].category),
					    (int)(f.items[x].end - f.items[x].start),
					    p + f.items[x].start, (int)(e - p), p);
		}
	}
	size_t all_found = 0;
	printf("PHI labelled set: %zu spans in positive.txt, %zu clean posts\n",
	    gold_n, lines);
	for (int c = 0; c < PHI__MAX; c++) {
		all_found += found[c];
		if (total[c] > 0)
			printf("  %-10s recall %.3f (%zu/%zu)\n",
			    phi_category_name((enum phi_category)c),
			    (double)found[c] / (double)total[c], found[c], total[c]);
	}
	double recall = gold_n ? (double)all_found / (double)gold_n : 0;
	double flag_rate = lines ? (double)flagged / (double)lines : 1;
	printf("  overall recall %.3f (same category), %.3f (any category); "
	    "clean posts flagged %.3f (%zu/%zu)\n", recall,
	    gold_n ? (double)any / (double)gold_n : 0, flag_rate, flagged, lines);
	assert_true(gold_n >= 200);
	assert_true(lines >= 100);
	assert_true(recall >= MIN_RECALL);
	for (int c = 0; c < PHI__MAX; c++)
		if (total[c] > 0)
			assert_true((double)found[c] / (double)total[c] >=
			    MIN_CATEGORY_RECALL);
	assert_true(flag_rate <= MAX_CLEAN_FLAG_RATE);
	phi_findings_free(&f);
	free(pos);
	free(clean);
}

static void
findings_are_in_bounds_sorted_and_disjoint_per_category(void **state)
{
	static const char text[] = "Mrs. Ada Moss (MRN 12345678, room 4B) "
	    "was born 3/14/1930 and turns 96 on Aug 9, 2026; call "
	    "410-555-0100 or ada.moss@example.com. 12 Elm Street, Towson, MD "
	    "21204.";
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	assert_int_equal(phi_scan(text, sizeof(text) - 1, NULL, &f), 0);
	assert_true(f.n >= 8);
	for (size_t i = 0; i < f.n; i++) {
		assert_true(f.items[i].start < f.items[i].end);
		assert_true(f.items[i].end <= sizeof(text) - 1);
		assert_non_null(f.items[i].rule);
		if (i > 0)
			assert_true(f.items[i - 1].start <= f.items[i].start);
		for (size_t k = 0; k < i; k++)
			if (f.items[k].category == f.items[i].category)
				assert_true(f.items[k].end <= f.items[i].start);
	}
	phi_findings_free(&f);
}

static void
allow_list_suppresses_the_organisations_own_values(void **state)
{
	static const char text[] = "Questions? Call 1-800-555-0199, visit "
	    "https://www.stmaryshealth.org/flu or email info@stmaryshealth.org; "
	    "we are at 100 Harbor Way. #StMarysCares";
	struct phi_config cfg;
	struct phi_findings f;
	(void)state;
	phi_config_init(&cfg);
	phi_findings_init(&f);
	assert_int_equal(phi_scan(text, sizeof(text) - 1, NULL, &f), 0);
	assert_true(f.n >= 3); /* phone, URL, email, address without the list */
	static const char list[] = "# ours\nphone: (800) 555-0199\n"
	    "domain: StMarysHealth.org\naddress: 100 Harbor Way\n"
	    "hashtag: #StMarysCares\n";
	assert_int_equal(phi_config_parse(&cfg, list, sizeof(list) - 1), 0);
	assert_int_equal(phi_scan(text, sizeof(text) - 1, &cfg, &f), 0);
	assert_int_equal(f.n, 0);
	/* the rest of our address is ours too; a patient's after it is not */
	static const char suite[] = "Screenings at 100 Harbor Way, Suite 200, "
	    "Providence, RI 02903 all week.";
	assert_int_equal(phi_scan(suite, sizeof(suite) - 1, &cfg, &f), 0);
	assert_int_equal(f.n, 0);
	static const char home[] = "She walked from 100 Harbor Way to her home "
	    "at 14 Oak Lane.";
	assert_int_equal(phi_scan(home, sizeof(home) - 1, &cfg, &f), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.items[0].category, PHI_ADDRESS);
	assert_int_equal(phi_config_parse(&cfg, "bogus line\n", 11), 1);
	phi_config_free(&cfg);
	phi_findings_free(&f);
}

/* The one finding of category cat in text (its severity and rule). */
static const struct phi_finding *
only_of(enum phi_category cat, const char *text, struct phi_findings *f)
{
	assert_int_equal(phi_scan(text, strlen(text), NULL, f), 0);
	const struct phi_finding *one = NULL;
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].category == cat) {
			assert_null(one);
			one = &f->items[i];
		}
	assert_non_null(one);
	return one;
}

#define only_name(text, f) only_of(PHI_NAME, (text), (f))

/* The number of findings of category cat in text. */
static size_t
count_of(enum phi_category cat, const char *text, struct phi_findings *f)
{
	size_t n = 0;
	assert_int_equal(phi_scan(text, strlen(text), NULL, f), 0);
	for (size_t x = 0; x < f->n; x++)
		n += f->items[x].category == cat;
	return n;
}

/* The one finding of category cat in text has severity want; a failure
 * names the text. */
static void
expect_severity(enum phi_category cat, const char *text,
    enum phi_severity want, struct phi_findings *f)
{
	const struct phi_finding *one = only_of(cat, text, f);
	if (one->severity != want)
		fail_msg("%s: severity %s, not %s", text,
		    phi_severity_name(one->severity), phi_severity_name(want));
}

static void
staff_with_a_credential_is_for_review_a_patient_is_blocked(void **state)
{
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	/* a shout-out: the reviewer sees it, the author need not override;
	 * a patient's name is blocked */
	static const struct {
		const char *text;
		enum phi_severity severity;
	} cases[] = {
		{ "Welcome Maria Santos, RN, to our NICU team!", PHI_REVIEW },
		{ "Our pharmacist Kevin O'Brien, PharmD, explains how to store "
		    "insulin.", PHI_REVIEW },
		/* the same name without a credential is a patient's */
		{ "Maria Santos went home today after her surgery.",
		    PHI_BLOCK },
		/* a role of ours before the name, as a title or after "our" */
		{ "Kudos to Nurse Manager Jessica Brown and the 4 West team!",
		    PHI_REVIEW },
		{ "Thanks to our nurse educator, Tom Alvarez, for the new sepsis "
		    "training.", PHI_REVIEW },
		{ "Happy retirement to Linda, who served our patients for 35 "
		    "years!", PHI_REVIEW },
		{ "Meet Keisha, one of our amazing surgical techs!", PHI_REVIEW },
		/* a role alone, a volunteer, one of ours who became a patient */
		{ "Our volunteer Edna was transferred from another hospital last "
		    "spring.", PHI_BLOCK },
		{ "Meet Maria, our patient.", PHI_BLOCK },
		/* an officer's title is a person's, not a role of ours */
		{ "Congratulations to Officer Dan Miller, who left our ICU today "
		    "after being shot on duty.", PHI_BLOCK },
		{ "Paramedic Luz Ortega was back in our ED, this time as a "
		    "patient.", PHI_BLOCK },
		{ "Our pharmacist Greg Tanaka was our patient this month and says "
		    "the food has improved.", PHI_BLOCK },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_severity(PHI_NAME, cases[i].text, cases[i].severity, &f);
	assert_string_equal(only_name(cases[0].text, &f)->rule,
	    "name.clinician");
	assert_string_equal(only_name(cases[5].text, &f)->rule, "name.staff");
	phi_findings_free(&f);
}

static void
a_persons_handle_is_blocked_an_agencys_is_asked_about(void **state)
{
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	expect_severity(PHI_HANDLE, "Her Instagram is "
	    "@dancing_with_dana if you want to follow her recovery.",
	        PHI_BLOCK, &f);
	expect_severity(PHI_HANDLE, "Follow @CDCgov for travel "
	    "health advice before you go.", PHI_REVIEW, &f);
	phi_findings_free(&f);
}

static void
a_persons_school_or_room_is_blocked_an_events_is_asked_about(void **state)
{
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	expect_severity(PHI_ADDRESS, "Leo, a junior at Ridgeview "
	    "High, is back on the court after his ACL repair.", PHI_BLOCK, &f);
	expect_severity(PHI_ADDRESS, "Our Mobile Health Unit will be "
	    "at Towson High School on Saturday with free screenings.",
	        PHI_REVIEW, &f);
	/* a meeting room: in a post with no person in it, no one's
	 * (clean); with someone in the post but not beside it, asked
	 * about; a patient's room is blocked */
	assert_int_equal(count_of(PHI_ROOM, "Free yoga in Room 101 of our "
	    "Wellness Center on Tuesdays.", &f), 0);
	assert_int_equal(count_of(PHI_ROOM, "Our weight program meets "
	    "Tuesdays at 6 pm in the Wellness Center, Room 110.", &f), 0);
	expect_severity(PHI_ROOM, "Free yoga in Room 101 of our Wellness "
	    "Center on Tuesdays, led by our dietitian who lost 80 pounds "
	    "with us herself.", PHI_REVIEW, &f);
	expect_severity(PHI_ROOM, "Room 3104 had a surprise wedding "
	    "yesterday.", PHI_BLOCK, &f);
	phi_findings_free(&f);
}

static void
a_toll_free_line_is_asked_about_a_persons_number_is_blocked(void **state)
{
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	expect_severity(PHI_PHONE, "Questions? Call our nurse line "
	    "at 1-888-555-0123, day or night.", PHI_REVIEW, &f);
	expect_severity(PHI_PHONE, "Call her daughter at "
	    "1-888-555-0123 with questions.", PHI_BLOCK, &f);
	expect_severity(PHI_PHONE, "Questions? Call our nurse line "
	    "at 410-555-0123, day or night.", PHI_BLOCK, &f);
	phi_findings_free(&f);
}

/* A romanised given name joined by a hyphen is highlighted whole, so that
 * nothing of it is left showing: not "Seo" of "Seo-yeon Park". */
static void
a_hyphenated_given_name_is_highlighted_whole(void **state)
{
	static const struct {
		const char *text, *name;
	} cases[] = {
		{ "Congratulations to Seo-yeon Park on her discharge today!",
		    "Seo-yeon Park" },
		{ "Ji-hoon Lee rang the bell today after his last chemo "
		    "session!", "Ji-hoon Lee" },
		{ "Please welcome back Mr. Kim Jong-soo to our dialysis unit.",
		    "Kim Jong-soo" },
		{ "We are so proud of Min-jun Choi, who walked out of our rehab "
		    "unit today.", "Min-jun Choi" },
		{ "Hye-jin went home today after 3 weeks in our NICU.",
		    "Hye-jin" },
	};
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct phi_finding *one = only_name(cases[i].text, &f);
		const char *at = strstr(cases[i].text, cases[i].name);
		size_t start = (size_t)(at - cases[i].text);
		if (one->start != start ||
		    one->end != start + strlen(cases[i].name))
			fail_msg("%s: found \"%.*s\", not \"%s\"", cases[i].text,
			    (int)(one->end - one->start),
			    cases[i].text + one->start, cases[i].name);
	}
	/* English compounds stay as they were */
	assert_int_equal(phi_scan("Check-in Lee opens at 8.", 24, NULL, &f), 0);
	for (size_t i = 0; i < f.n; i++)
		assert_true(f.items[i].start >= 9);
	phi_findings_free(&f);
}

/* Two places joined by "and", "&" or "or" are both found, not only the
 * first. */
static void
a_second_place_joined_to_the_first_is_found_too(void **state)
{
	static const char *const texts[] = {
		"Her family drove in from Towson & Parkville every day.",
		"Her family drove in from Dundalk or Essex every day.",
		("He split his rehab between his sons in Catonsville and "
		    "Ellicott City."),
	};
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(phi_scan(texts[i], strlen(texts[i]), NULL, &f),
		    0);
		size_t places = 0;
		for (size_t x = 0; x < f.n; x++)
			places += f.items[x].category == PHI_ADDRESS;
		if (places != 2)
			fail_msg("%s: %zu places found, not 2", texts[i], places);
	}
	phi_findings_free(&f);
}

/* A text and a category of PHI it must be found to hold. */
struct found_case {
	enum phi_category cat;
	const char *text;
};

/* The texts of clean come back clean (with the test allow-list), and
 * each of found holds its category of PHI. */
static void
expect_clean_and_found(const char *const *clean, size_t nclean,
    const struct found_case *found, size_t nfound)
{
	struct phi_findings f;
	phi_findings_init(&f);
	for (size_t i = 0; i < nclean; i++) {
		assert_int_equal(phi_scan(clean[i], strlen(clean[i]), &allow,
		    &f), 0);
		if (f.n != 0)
			fail_msg("%s: %zu findings, the first %s (%s)", clean[i],
			    f.n, phi_category_name(f.items[0].category),
			    f.items[0].rule);
	}
	for (size_t i = 0; i < nfound; i++)
		if (count_of(found[i].cat, found[i].text, &f) == 0)
			fail_msg("%s: no %s found", found[i].text,
			    phi_category_name(found[i].cat));
	phi_findings_free(&f);
}

/* A town where the organisation serves the public, or one whose name
 * looks like a person's (Perry Hall, Cherry Hill), is no patient's: a
 * post announcing a clinic, a van's stops or a fair comes back clean.
 * The same town beside a person is still found. */
static void
a_town_the_hospital_serves_is_no_patients(void **state)
{
	static const char *const clean[] = {
		"Our mobile health van visits Cherry Hill and Brooklyn Park "
		    "every week.",
		"Free flu shots this week in Perry Hall, Owings Mills and "
		    "Glen Burnie.",
		"Visit us at the State Fair in Timonium for free blood "
		    "pressure checks.",
		"Our team climbed 1,776 steps for the Fight for Air Climb in "
		    "Baltimore!",
		"The new clinic in Severna Park opens Monday.",
		"Our pharmacy is now open 24 hours at the Towson campus.",
		"Our Middle River urgent care now offers X-rays on weekends.",
		"Heat advisory: cooling centers are open across Baltimore "
		    "County.",
		"The Harford County Health Department will host a vaccine "
		    "clinic in Aberdeen on Saturday.",
		"Join our physicians for a 1-mile walk at Lake Roland every "
		    "Saturday morning.",
		"Meet us at the Maryland State Fair in Timonium for free "
		    "hearing screenings.",
		"Over 2,000 runners joined our Cancer Survivors Day 5K in "
		    "Columbia this year. Thank you!",
	};
	static const struct found_case found[] = {
		{ PHI_NAME, "Perry Hall's recovery has been amazing." },
		{ PHI_NAME, "Perry Hall is home after his knee surgery." },
		{ PHI_ADDRESS, "Kevin ran the 5K in Towson after his "
		    "transplant." },
		{ PHI_ADDRESS, "She was seen at our clinic in Essex." },
		{ PHI_ADDRESS, "Her mom drove her to our Bel Air campus." },
		{ PHI_ADDRESS, "Rachel lives in Perry Hall with her sons." },
		{ PHI_ADDRESS, "He was treated by the Harford County Fire "
		    "Department paramedics." },
		{ PHI_ADDRESS, "She lives in Harford County with her sons." },
	};
	(void)state;
	expect_clean_and_found(clean, sizeof(clean) / sizeof(clean[0]), found,
	    sizeof(found) / sizeof(found[0]));
}

/* Where a person lives, written before them ("a Dundalk man", "a
 * Highlandtown mother", "the Perry Hall family of Jim"), an interstate by
 * its number, a school of two names and a bed or pod by its letter are
 * found where someone is named; a road, a town's residents, a family
 * event or a unit's pods in a post that names no one are the public's.
 * Ages at a diagnosis or a death, "He's 3 now" and "is now 12" are a
 * person's. */
static void
a_town_before_a_person_a_road_and_an_age_at_death_are_found(void **state)
{
	static const char *const clean[] = {
		"Traffic on I-695 is heavy this morning; leave early.",
		"Our new clinic is just off Route 40 in Catonsville.",
		"Dundalk residents can get free flu shots at our van on "
		    "Saturday.",
		"Thank you to our Towson family for raising $5,000!",
		"Our new cardiologist is a Baltimore native.",
		"A Medicaid family can get help paying for prescriptions.",
		"Most people are diagnosed with type 2 diabetes at 45 or "
		    "older.",
		"Our NICU has pod A and pod B for families.",
		"Our ER is now 24/7.",
	};
	static const struct found_case found[] = {
		{ PHI_ADDRESS, "A Dundalk man was flown to our trauma center "
		    "last night." },
		{ PHI_ADDRESS, "Maria Elena, a Highlandtown mother of four, "
		    "donated a kidney to her sister." },
		{ PHI_ADDRESS, "Walt spent 40 years at the Sparrows Point mill "
		    "before his knee gave out." },
		{ PHI_ADDRESS, "Marisol thanked the nurses who cared for her "
		    "after her crash on I-695." },
		{ PHI_ADDRESS, "Coach Reilly of Loch Raven High is home after "
		    "a heart attack." },
		{ PHI_ADDRESS, "Today she's back at work at Lexington Market." },
		{ PHI_AGE, "Meet Priya, who was diagnosed with type 1 diabetes "
		    "at 7 and now helps at our camp." },
		{ PHI_AGE, "Our longtime dialysis patient passed away last "
		    "Tuesday at 91." },
		{ PHI_AGE, "DJ loves fire trucks. He's 3 now." },
		{ PHI_AGE, "Elijah is now 12 and cancer-free." },
		{ PHI_ADDRESS, "We thank the Perry Hall family of Jim Novak, "
		    "who donated his heart." },
		{ PHI_ROOM, "Kai is in pod B if his grandparents want to "
		    "visit." },
		{ PHI_ROOM, "Mr. Lee is in Room 412, bed B." },
		/* names the 1990 Census lacks (SSA lists, SOURCES.md) */
		{ PHI_NAME, "Kwame was flown in from Salisbury after a farm "
		    "accident and is walking again." },
		{ PHI_NAME, "Devonte Price was shot on Friday night and is now "
		    "in stable condition." },
	};
	(void)state;
	expect_clean_and_found(clean, sizeof(clean) / sizeof(clean[0]), found,
	    sizeof(found) / sizeof(found[0]));
}

/* How posts are written on social media: a family's hashtag for a patient
 * ("#MarcusStrong", "#TeamTheo"), a patient known as "Mr. T", an age
 * followed by an emoji. Campaign hashtags, a team's letter and a count
 * before an emoji are no one's. */
static void
hashtags_letters_and_emoji_in_posts(void **state)
{
	static const char *const clean[] = {
		"Thank you, nurses! #NurseStrong #TeamNICU #HopeStrong "
		    "#BostonStrong #WearRed #FightFlu",
		"Coach A and B teams practice Monday at our sports medicine "
		    "center.",
		"Our team has 40 \xf0\x9f\x92\x99 nurses on the night shift.",
	};
	static const struct found_case found[] = {
		{ PHI_NAME, "Happy bday, still fighting #MarcusStrong" },
		{ PHI_NAME, "Go #TeamTheo! Our littlest patient went home "
		    "today." },
		{ PHI_NAME, "Follow #LiamsJourney for updates from our PICU." },
		{ PHI_NAME, "Shoutout Mr. T on 6N who still does his crossword "
		    "every morning." },
		{ PHI_NAME, "We see you, Coach K! Back on the sidelines three "
		    "weeks after bypass surgery." },
		{ PHI_AGE, "He's our 500th NICU grad and just turned 1 "
		    "\xf0\x9f\x8e\x89" },
	};
	(void)state;
	expect_clean_and_found(clean, sizeof(clean) / sizeof(clean[0]), found,
	    sizeof(found) / sizeof(found[0]));
}

/* Written out: an age in words before "year-old", a phone number in
 * words after a phone word, a patient's initials with their periods, a
 * street block, a street before a shop, a ZIP code after a town with no
 * state. The same words where no one is meant, a countdown, "U.S." and
 * a car in a raffle come back clean. */
static void
ages_phones_initials_and_streets_written_out(void **state)
{
	static const char *const clean[] = {
		"Construction update: the 1200 block of W. Pratt St will be "
		    "closed near our west entrance.",
		"The Harford Road entrance is closed this week.",
		"A seventy-year-old heart can still get stronger.",
		"Call us! Three, two, one, go!",
		"Our hospital has served Baltimore for 125 years.",
		"Trauma bay 2 was renovated thanks to a gift from the "
		    "Hendricks Foundation.",
		"Our new Odenton birthing center opens January 1 with 12 "
		    "private suites.",
		"100 years ago, our founders opened the doors.",
		"For a hundred years, we have served Baltimore.",
		"A hundred years of caring for Baltimore.",
		"Parking is free on North Avenue this weekend.",
		"Hope Lodge offers free rooms to cancer patients.",
		"Follow us on TikTok, Facebook and Instagram on Tuesdays.",
		"Our clinics are closed on Thanksgiving; the ER is open 24/7.",
		"Patients in the U.S. can call 988.",
		"Win a Toyota Camry at our gala raffle!",
		"Hope is a two-time award-winning program for every family.",
		"Hope's annual gala raises funds for cancer care.",
		"Join us for a free health fair at 4500 Harford Road on "
		    "Saturday, 10 am to 2 pm.",
		"Our mobile van will be at 1200 E. Monument St every "
		    "Tuesday.",
	};
	static const struct found_case found[] = {
		{ PHI_AGE, "Our seventy-year-old volunteer Walter fell last "
		    "week." },
		{ PHI_AGE, "The ninety-four-year-old grandmother was "
		    "discharged." },
		{ PHI_AGE, "Ninety years old and still dancing, says Mrs. "
		    "Lee." },
		{ PHI_AGE, "Ninety-two today: our patient Ruth has a message "
		    "for you." },
		{ PHI_PHONE, "Her grandson's phone is four one zero, five "
		    "five five, zero one three two." },
		{ PHI_NAME, "Lily's mom started a Facebook group for NICU "
		    "parents." },
		{ PHI_NAME, "Ray's wristband in the photo shows his MRN." },
		{ PHI_NAME, "Beau's brain surgery is Thursday, so send him "
		    "your best superhero drawings!" },
		{ PHI_NAME, "Hector is in ROOM 221 and says the jello is "
		    "great!!" },
		{ PHI_NAME, "Hank lives on Kettle Creek Road and walked all of "
		    "it this week." },
		{ PHI_NAME, "Joy is a two-time cancer survivor and the heart "
		    "of our support group." },
		{ PHI_DATE, "Mateo was born at 27 weeks on Labor Day and went "
		    "home on Thanksgiving." },
		{ PHI_NAME, "Patient J.T. from Brooklyn Park asked us to "
		    "share his story." },
		{ PHI_NAME, "Patient update: R.J. is off the ventilator!" },
		{ PHI_ZIP, "Cards for Mr. Ochoa can go to 2207 Fleet Street, "
		    "Baltimore 21224." },
		{ PHI_AGE, "Destiny, a Woodlawn High senior, is our youngest "
		    "kidney donor at 18." },
		{ PHI_AGE, "A big welcome back to Rocco, a 9yo who beat a "
		    "brain tumor." },
		{ PHI_AGE, "Grandpa Lou says the secret to 96 years is black "
		    "coffee." },
		{ PHI_ADDRESS, "Keanu was the first baby born at our new "
		    "Odenton birthing center." },
		{ PHI_ROOM, "Jackson's dad wants to find the nurse who held "
		    "his hand in trauma bay 2." },
		{ PHI_ADDRESS, "Gloria Estes, who ran the Harford Road bakery "
		    "for 40 years, is now our patient." },
		{ PHI_ADDRESS, "Walter fell on the 1200 block of W. Pratt St "
		    "and spent a week with us." },
		{ PHI_ADDRESS, "Send cards to 42 Maple Street, Towson." },
		{ PHI_ADDRESS, "Big thanks to Terrell's barbershop on North "
		    "Avenue for hosting us." },
		{ PHI_NAME, "Grace Okonjo rang the bell today!" },
		{ PHI_ADDRESS, "Mr. Lee came to our health fair at 4500 "
		    "Harford Road." },
	};
	(void)state;
	expect_clean_and_found(clean, sizeof(clean) / sizeof(clean[0]), found,
	    sizeof(found) / sizeof(found[0]));
}

/* A person's congregation after their pastor or priest, a name before
 * "from" and a town at the start of a sentence, an age at a death some
 * words after it; and a building named for a family, the public from a
 * town and payment apps stay clean. */
static void
congregations_names_from_towns_and_family_buildings(void **state)
{
	static const char *const clean[] = {
		"The Weinberg Family Cancer Pavilion is open weekdays from 7 am "
		    "to 7 pm.",
		"Venmo and Zelle scams are on the rise. We will never ask you "
		    "to pay a bill by app.",
		"Nurses from Towson joined the walk on Saturday.",
		"Coffee with a Cop: meet Baltimore Police officers in our "
		    "main lobby on Friday morning.",
		"Our nurses from Highlandtown ran the race.",
	};
	static const struct found_case found[] = {
		{ PHI_ADDRESS, "Father Tomasz of Holy Rosary anointed patients "
		    "on our oncology floor." },
		{ PHI_ADDRESS, "Please keep Pastor Jenkins of New Psalmist "
		    "Baptist in your prayers." },
		{ PHI_NAME, "Abdi from Columbia received the first TAVR in our "
		    "new cath lab." },
		{ PHI_NAME, "Big Al from Essex has been coming to our cardiac "
		    "rehab for 12 years." },
		{ PHI_ADDRESS, "Big Al from Essex has been coming to our "
		    "cardiac rehab for 12 years." },
		{ PHI_AGE, "Today we honor Sgt. Maria Torres, a veteran who "
		    "died Nov. 11, Veterans Day, at 76." },
		/* neighbourhoods the gazetteer lacks, after a person */
		{ PHI_ADDRESS, "Tony from Highlandtown said our stroke team "
		    "gave him his life back." },
		{ PHI_ADDRESS, "A 15-year-old from Sandtown was shot on "
		    "Friday night." },
	};
	(void)state;
	expect_clean_and_found(clean, sizeof(clean) / sizeof(clean[0]), found,
	    sizeof(found) / sizeof(found[0]));
}

/* A given name that is also a word (Frank, Rick, Grace, Jasmine) is a
 * person's when their age is set off by commas after it, their bed
 * follows in brackets, or "and" joins it to a name found; a list of
 * numbers after it is no age. */
static void
a_given_name_with_an_age_or_bed_after_it_is_found(void **state)
{
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	assert_int_equal(count_of(PHI_NAME, "Amir, 11, from Catonsville, asked "
	    "us to tell everyone to wear a helmet.", &f), 1);
	assert_int_equal(count_of(PHI_AGE, "Amir, 11, from Catonsville, asked "
	    "us to tell everyone to wear a helmet.", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "Thanks to Grace, 7, for the "
	    "cards she drew for our nurses.", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "Frank (bed 22) says thank you to "
	    "the night shift.", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "Mark, 3, 4 and 5 are the steps on "
	    "the chart.", &f), 0);
	/* joined by "and" to a name found */
	assert_int_equal(count_of(PHI_NAME, "Our first baby of 2026 is Mila, "
	    "born at 12:04 am to Jasmine and Derek!", &f), 3);
	assert_int_equal(count_of(PHI_NAME, "Thanks to the Ronald McDonald "
	    "House and Hope Lodge for the gifts.", &f), 0);
	/* an age over 89 after "will be" */
	assert_int_equal(count_of(PHI_AGE, "Ms. Hattie Mae Johnson will be 103 "
	    "on Sunday, Jan. 4.", &f), 1);
	phi_findings_free(&f);
}

/* Three more cues a person is meant, from the held-out drafts: a get-well
 * wish before a given name that is a word ("Get well soon Rick!"), the
 * age at which a person was diagnosed, and a possessive with a relative
 * after a name whose surname also names a park or a street ("Lily
 * Park's mom"). The same words about everyone stay clean. */
static void
a_wish_an_age_at_diagnosis_and_a_name_before_mom_are_found(void **state)
{
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	assert_int_equal(count_of(PHI_NAME, "Get well soon Rick! Your buddies "
	    "at the shop miss you.", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "Get well soon Baltimore!", &f), 0);
	/* a lowercase given name that is also a word, after a greeting with
	 * she or he after it */
	assert_int_equal(count_of(PHI_NAME, "shoutout to maria in 4 west, she "
	    "is going home today", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "congrats to grace on her "
	    "discharge", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "say grace before meals, she said",
	    &f), 0);
	assert_int_equal(count_of(PHI_AGE, "She was diagnosed with lupus at "
	    "age 19.", &f), 1);
	assert_int_equal(count_of(PHI_AGE, "Nadia's story: diagnosed with "
	    "lupus at 19, now a nursing student.", &f), 1);
	assert_int_equal(count_of(PHI_AGE, "Most people are diagnosed with "
	    "lupus at age 15.", &f), 0);
	assert_int_equal(count_of(PHI_AGE, "He was diagnosed at 9:30 this "
	    "morning.", &f), 0);
	/* an age that stands for the person; a building's is none */
	assert_int_equal(count_of(PHI_AGE, "Devonte Price, a 15-year-old from "
	    "Sandtown, was shot on Friday night.", &f), 1);
	assert_int_equal(count_of(PHI_AGE, "Our 75-year-old hospital got a new "
	    "roof.", &f), 0);
	assert_int_equal(count_of(PHI_AGE, "Our 125-year-old hospital got a new "
	    "roof.", &f), 0);
	assert_int_equal(count_of(PHI_AGE, "Happy 125th birthday to our "
	    "hospital!", &f), 0);
	assert_int_equal(count_of(PHI_AGE, "Cheryl was diagnosed with breast "
	    "cancer at 38 during a routine screening.", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "Bill turned 95 in our rehab unit "
	    "and asked for a Natty Boh.", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "Will is 5 minutes away.", &f), 0);
	/* an age stated of he or she: blocked, as of a name */
	expect_severity(PHI_AGE, "She is 4 and very brave.", PHI_BLOCK, &f);
	expect_severity(PHI_AGE, "Ahmad beat leukemia. He's 5 and loves "
	    "trucks.", PHI_BLOCK, &f);
	assert_int_equal(count_of(PHI_AGE, "Our team is 50 strong.", &f), 0);
	/* what the person is, set off after the name */
	assert_int_equal(count_of(PHI_NAME, "Hector, a stroke survivor from "
	    "Essex, now volunteers at our front desk.", &f), 1);
	assert_int_equal(count_of(PHI_NAME, "Hope, a nonprofit in Towson, "
	    "donated toys.", &f), 0);
	/* an age over 89 in words in a text with no digits */
	assert_int_equal(count_of(PHI_AGE, "She turned ninety-two today.", &f),
	    1);
	assert_int_equal(count_of(PHI_NAME, "Grace was born early this morning "
	    "in our birthing center.", &f), 1);
	const struct phi_finding *one = only_name("Lily Park's mom says she is "
	    "back to climbing everything.", &f);
	assert_int_equal(one->start, 0);
	assert_int_equal(one->end, 9);
	assert_int_equal(count_of(PHI_NAME, "Druid Hill Park's playground "
	    "reopens Monday.", &f), 0);
	phi_findings_free(&f);
}

/* A holiday is a person's date beside their event, like Christmas Eve:
 * "born on Mother's Day", "passed on Veterans Day"; the same holiday
 * wished to everyone is no one's. */
static void
a_holiday_is_a_date_beside_a_persons_event(void **state)
{
	struct phi_findings f;
	(void)state;
	phi_findings_init(&f);
	assert_int_equal(count_of(PHI_DATE, "Baby Ava was born on Mother's "
	    "Day!", &f), 1);
	assert_int_equal(count_of(PHI_DATE, "We honor Sgt. Daniel Ortiz, a "
	    "veteran who passed in our care on Veterans Day.", &f), 1);
	assert_int_equal(count_of(PHI_DATE, "He had his transplant on Labor "
	    "Day 2024.", &f), 1);
	assert_int_equal(count_of(PHI_DATE, "Happy Mother's Day to all our "
	    "moms!", &f), 0);
	assert_int_equal(count_of(PHI_DATE, "Our clinics are closed on "
	    "Memorial Day.", &f), 0);
	phi_findings_free(&f);
}

/* The third held-out round: a public official or a storm is no patient,
 * a building named for a donor is a building, a town in a post that
 * names no one is nobody's home; a person, their injury or their care
 * anywhere in the post makes the town theirs again. */
static void
an_official_a_storm_a_building_and_a_town_of_no_one_are_clean(void **state)
{
	static const char *const clean[] = {
		"Governor Wes Moore visited our trauma center today.",
		"Mayor Brandon Scott joined us to open the new East Baltimore "
		    "community health clinic.",
		"Hurricane Ernesto is expected to bring heavy rain this "
		    "weekend.",
		"Our new Weinberg Pavilion opens to visitors on March 2.",
		"The new parking garage on Greene Street opens Monday.",
		"Dr. Helen Taussig co-developed the Blalock-Taussig shunt here "
		    "in Baltimore in 1944.",
		"Our pharmacy in Owings Mills now offers shingles vaccines.",
		"Our new MRI machine in Glen Burnie cuts scan times in half.",
		"Thank you, Harford County firefighters, for the training "
		    "today.",
		"Heads up: construction on Charles Street may slow your drive "
		    "to our main entrance.",
		"We drove to Ellicott City for the county fair.",
		"Our Catonsville clinic is accepting new patients.",
	};
	static const struct found_case found[] = {
		{ PHI_NAME, "Governor Wes Moore was admitted to our hospital "
		    "after a fall." },
		{ PHI_ADDRESS, "The driver from Catonsville is in critical "
		    "condition." },
		{ PHI_ADDRESS, "The 15-year-old from Catonsville was shot on "
		    "Friday." },
		{ PHI_ADDRESS, "She lives on Greene Street near the parking "
		    "garage." },
		{ PHI_DATE, "Baby Elena went home today. She was born 9/9." },
		{ PHI_NAME, "After the crash, Julio spent 6 weeks in our trauma "
		    "unit." },
		{ PHI_ADDRESS, "The Harford County firefighter who was hurt is "
		    "recovering with us." },
		{ PHI_ADDRESS, "She lives on Charles Street, near our main "
		    "entrance." },
		{ PHI_ADDRESS, "Flowers came today from Frederick." },
		{ PHI_ADDRESS, "Our team sent Lucas home to Bel Air today." },
		{ PHI_ADDRESS, "Our nurses at the Catonsville clinic threw a "
		    "shower for Tasha, their patient." },
		{ PHI_AGE, "Ms. Tillman from Pikesville, 99, is our oldest flu "
		    "shot patient this year!" },
	};
	(void)state;
	expect_clean_and_found(clean, sizeof(clean) / sizeof(clean[0]), found,
	    sizeof(found) / sizeof(found[0]));
}

/* The misses and false flags listed after the fifth session's rounds,
 * and those of rounds 20 to 35: a town that is also a word where
 * someone lives or was hurt, families by their name, nicknames, a
 * child's initials, a dialysis chair, an ICU bed, a care home by its
 * brand, a store by its branch's town, a month of a child's story, a
 * whiteboard's "Surname, I.", a street's abbreviation, a lake someone
 * walks around, "lil mateo", a name in capitals in brackets, "Jun and
 * Mei Lin", a mall by its town, a day far from the patient named, a
 * prescription's number, Leap Day, "living to 100", a person's church
 * an auntie, the Fourth of July, "Little Aria", a name before its
 * room, "Javi, the 16-year-old", "his late 90s", "he's ninety-one", a
 * nonagenarian, a corner, an apartment building, "Ray got hit", given
 * names that are words as subjects and owners, "I'm 102", a town after
 * an age, a pastor's church, "I'm Frank", a workplace by its town and
 * an age at an overdose are found; a team's player, a charity's
 * founder, births counted on a holiday, a hospital wing's birthday, a
 * professional body, our own site, Dr. Seuss, a town and its state, a
 * new year greeted, a rule's effective date, buildings named for
 * donors, a hospitals' association, a county's workers, centenarians,
 * a closed corner, patients counted in towns, our own number with its
 * extension, the Ivy League, Pearl Harbor, a corner's streets, a
 * congregation with no one of it named, a bank, a garden and a museum
 * of art are nobody's. */
static void
a_town_word_a_family_and_a_nickname_are_found_a_player_is_not(void **state)
{
	static const char *const clean[] = {
		"Residents in Towson can get free flu shots Saturday.",
		"Families who live in Laurel can get free flu shots at our "
		    "Saturday clinic.",
		"Join us for the Susan G. Komen Race for the Cure on Saturday.",
		"Our labor and delivery team delivered 14 babies on New Year's "
		    "Day!",
		"Happy 50th birthday to our hospital's west wing!",
		"Ravens quarterback Lamar Jackson visited our pediatric unit "
		    "today.",
		"The Ravens' Lamar Jackson surprised kids in our pediatric unit.",
		"Our nurses call it the \"Magic\" room.",
		"Stand up from a chair 10 times a day to build leg strength.",
		"Our PICU earned an award from the AACN.",
		"Our ICU 24/7 team thanks you.",
		"RSV can make her baby very sick.",
		"Thank you to the Overlea Giant for donating lunch to our "
		    "nurses!",
		"Our Columbia NICU is now a Level III unit.",
		"Meet Dr. Seuss's favorite reader at our library corner!",
		"Our diabetes class, Diabetes y T\xc3\xba, starts Wednesday.",
		"Welcome to the world, 2027! Our first baby of the year "
		    "arrives any minute now.",
		"Walk with a Doc: every Saturday at 9 am at Lake Montebello. "
		    "All ages welcome!",
		"We serve Towson, Md. and the towns around it.",
		"Clinic hours change Jun and Jul.",
		"The Towson Town Center walking club meets at 8 am.",
		"New CPT codes for telehealth visits take effect January 1, "
		    "2027.",
		"Leap Day babies: 1 in 1,461 births falls on February 29.",
		"Job fair Thursday at the O'Neill Conference Center.",
		"The McAllister Pediatric Wing opens to visitors on Monday.",
		"Want to live to 100? Eat your vegetables and walk every day.",
		"Our CMO will speak at the Maryland Hospital Association summit.",
		"Wishing a happy retirement to the Baltimore County 911 "
		    "dispatchers we work with every day.",
		"Happy Fourth of July! Our ER is open; be safe with fireworks.",
		"Centenarians are the fastest-growing age group in the US.",
		"Traffic alert: the corner of Greenmount and 33rd will be "
		    "closed for our block party Saturday.",
		"Our home health team visited 2,400 patients in Odenton and "
		    "Gambrills last year.",
		"Call our nurse line at (401) 555-0100 ext. 4 after hours.",
		"Ivy League researchers joined our team for a study on sleep.",
		"Pearl Harbor Remembrance Day: we honor the veterans in our "
		    "care.",
		"Brooke Army Medical Center and our burn unit train together.",
		"Chase away the winter blues with a walk in the sun.",
		"Join us at the corner of Charles and North for the Heart Walk "
		    "kickoff!",
		"The pastor of Zion Lutheran leads our interfaith prayer "
		    "service on Sunday.",
		"Chase Bank volunteers painted our pediatric playroom.",
		"Room 2 of the Wellness Center is now a lactation room.",
		"Rose Garden tours are back at our Glen Arm campus.",
		"The Baltimore Museum of Art lends us paintings for our patient "
		    "floors.",
		"Shadow a nurse at our Westminster hospital this summer.",
		"Stroke care is faster at our Owings Mills hospital.",
		"Our Bel Air birthing center has 12 private suites and a "
		    "newborn nursery.",
	};
	static const struct found_case found[] = {
		{ PHI_ADDRESS, "Mr. Davis was hurt in a crash in Laurel last "
		    "week." },
		{ PHI_ADDRESS, "She is recovering at her home in Arbutus." },
		{ PHI_NAME, "The Washington twins went home today." },
		{ PHI_NAME, "The O'Sullivans sent pizza to 4 West after their "
		    "dad's surgery." },
		{ PHI_NAME, "Our favorite patient \"Sarge\" rang the bell." },
		{ PHI_NAME, "Grandpa \xe2\x80\x9cPops\xe2\x80\x9d is home!" },
		{ PHI_NAME, "DJ, 7, beat leukemia!" },
		{ PHI_NAME, "Ravens tight end Mark Andrews had his knee surgery "
		    "with us." },
		{ PHI_ROOM, "Mrs. Greenberg in chair 6 brought cookies for the "
		    "dialysis unit." },
		{ PHI_ROOM, "Our chaplain sat with Mr. Yoon all night in ICU 7." },
		{ PHI_ADDRESS, "Lucy visits Walter every week at Brightview "
		    "Towson." },
		{ PHI_NAME, "RJ came back to visit the NICU nurses who cared "
		    "for him." },
		{ PHI_ADDRESS, "Shoutout to the Overlea Giant for lunch after "
		    "Mr. Pham's family told them about us." },
		{ PHI_ADDRESS, "Baby Oakley was discharged from our Columbia "
		    "NICU this morning!" },
		{ PHI_DATE, "He's the 8-year-old who swallowed a magnet in "
		    "March." },
		{ PHI_NAME, "He wants the caption to say \"Big Mike from Curtis "
		    "Bay is back!\"" },
		{ PHI_NAME, "The whiteboard says \"Rm 2214: Gonzalez, M. NPO "
		    "after midnight\"." },
		{ PHI_ADDRESS, "Idris was hurt in the house fire on Edmondson "
		    "Ave; he is recovering." },
		{ PHI_ADDRESS, "She is back to walking her dog around Lake "
		    "Montebello." },
		{ PHI_NAME, "OMG lil mateo rang the bell!!!" },
		{ PHI_NAME, "pt in bay 4 (GARCIA) wants his pic posted" },
		{ PHI_NAME, "Jun and Mei Lin with their preemie twins!" },
		{ PHI_ADDRESS, "Officers did CPR on Mr. Quinn at the Towson Town "
		    "Center food court." },
		{ PHI_DATE, "Donnell's insulin pump (SN NG1247783H) was replaced "
		    "on Dec 2." },
		{ PHI_DATE, "Yes, Vernon is the 94-year-old who finished the "
		    "Turkey Trot 5K on Nov. 27." },
		{ PHI_ACCOUNT, "T. Okafor's prescription number RX 7704518 is "
		    "visible in the video." },
		{ PHI_ADDRESS, "Mr. Salazar (67) from Highlandtown had his "
		    "stroke at the bus stop." },
		{ PHI_ADDRESS, "Bud Harkins still volunteers at our Perry Hall "
		    "gift shop." },
		{ PHI_DATE, "Baby Ava was born on Leap Day!" },
		{ PHI_AGE, "Grandpa Ike says the secret to living to 100 is "
		    "whiskey." },
		{ PHI_ADDRESS, "Tamika found our van at her church, New Psalmist "
		    "Baptist, and it caught her cancer early." },
		{ PHI_NAME, "Auntie Pat knits blankets for our NICU babies." },
		{ PHI_DATE, "Baby Liberty was born on the Fourth of July!" },
		{ PHI_NAME, "Little Aria got her cast off today!" },
		{ PHI_NAME, "The whiteboard shows Hernandez in rm 5." },
		{ PHI_NAME, "Javi, the 16-year-old hit by a car last week, is "
		    "out of the ICU." },
		{ PHI_AGE, "Javi, the 16-year-old hit by a car last week, is "
		    "out of the ICU." },
		{ PHI_AGE, "Mr. Dawkins is in his late 90s and still beats us "
		    "at checkers." },
		{ PHI_AGE, "Uncle Teddy says he's ninety-one going on 19." },
		{ PHI_AGE, "Omari, our nonagenarian volunteer, knits hats." },
		{ PHI_ADDRESS, "Ray got hit at the corner of Greenmount and 33rd "
		    "and our trauma team had him in surgery fast." },
		{ PHI_NAME, "Ray got hit at the corner of Greenmount and 33rd." },
		{ PHI_PHONE, "Call her daughter at (410) 555-0100 ext. 4." },
		{ PHI_NAME, "When Chase woke up after 9 days in a coma, the "
		    "first thing he asked for was a cheeseburger." },
		{ PHI_NAME, "Please share: Grant's family is asking for blood "
		    "donors." },
		{ PHI_NAME, "A big thank-you to Cash's grandparents!" },
		{ PHI_NAME, "Violet left our NICU today weighing 5 lb 2 oz. Her "
		    "big brother was waiting." },
		{ PHI_AGE, "Pearl told her nurse, \"I'm 102 and never better.\"" },
		{ PHI_ADDRESS, "The patient, a 34-year-old Essex woman, "
		    "delivered quadruplets." },
		{ PHI_ADDRESS, "Rev. Simms, pastor of Union Baptist, thanked our "
		    "ICU team." },
		{ PHI_NAME, "\"I'm Frank, I'm 67, and your cardiac rehab team gave "
		    "me my life back.\"" },
		{ PHI_AGE, "\"I'm Frank, I'm 67, and your cardiac rehab team gave "
		    "me my life back.\"" },
		{ PHI_NAME, "Thank you, 5 South, for Ken's care." },
		{ PHI_ADDRESS, "He came to our ER from his job at the Sparrows "
		    "Point terminal." },
		{ PHI_AGE, "\"My son Eli overdosed at 22. Your ER saved him,\" "
		    "writes his mom." },
		{ PHI_NAME, "Hazel, born at 24 weeks in March 2025, just went "
		    "home!" },
		{ PHI_ADDRESS, "She was treated at our Towson hospital after the "
		    "crash." },
		{ PHI_AGE, "Miss Edna wants everyone to know she beat COVID at "
		    "98." },
		{ PHI_AGE, "Our volunteer Stan had his transplant here in 1998 at "
		    "45." },
		{ PHI_ADDRESS, "He now works at the Hampden Rite Aid." },
		{ PHI_ADDRESS, "Nadine from Unit 5 of the Harbor View Apartments "
		    "was our first patient." },
	};
	(void)state;
	expect_clean_and_found(clean, sizeof(clean) / sizeof(clean[0]),
	    found, sizeof(found) / sizeof(found[0]));
}

static void
hostile_input_is_scanned_safely(void **state)
{
	struct phi_findings f;
	char junk[4096];
	(void)state;
	phi_findings_init(&f);
	assert_int_equal(phi_scan("", 0, NULL, &f), 0);
	assert_int_equal(f.n, 0);
	/* invalid UTF-8, NULs, lone continuation bytes, truncated sequences */
	static const char bad[] = "Mr. \xff\xfe Smith\0 \xe2\x80 \xc3 "
	    "Room \x80\x80 412 \xe2\x80\x99s 555-\xf0\x9f";
	assert_int_equal(phi_scan(bad, sizeof(bad) - 1, NULL, &f), 0);
	for (size_t i = 0; i < f.n; i++)
		assert_true(f.items[i].end <= sizeof(bad) - 1);
	srand(7);
	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof(junk); i++)
			junk[i] = (char)(rand() % 7 == 0 ? "0123456789"[rand() % 10] :
			    rand() % 5 == 0 ? ' ' : rand() % 256);
		assert_int_equal(phi_scan(junk, sizeof(junk), NULL, &f), 0);
		for (size_t i = 0; i < f.n; i++)
			assert_true(f.items[i].end <= sizeof(junk));
	}
	phi_findings_free(&f);
}

/* A text longer than any post (an export given to clearpost scan)
 * is scanned in pieces: every copy of a draft in a 1.5 MB text has its
 * PHI found at its own offsets, in order and in bounds, as in the draft
 * alone; a 300 KB line with no newline or blank is scanned safely. */
static void
a_long_text_has_every_copys_phi_found(void **state)
{
	static const char draft[] = "Happy 101st birthday to Mrs. Eleanor "
	    "Whitfield in Room 214! Call her son at (410) 555-0147.\n";
	const size_t dlen = sizeof(draft) - 1, copies = 1500000 / dlen;
	struct phi_findings one, all;
	(void)state;
	phi_findings_init(&one);
	phi_findings_init(&all);
	assert_int_equal(phi_scan(draft, dlen, NULL, &one), 0);
	assert_true(one.n >= 4);
	char *text = malloc(copies * dlen);
	assert_non_null(text);
	for (size_t c = 0; c < copies; c++)
		memcpy(text + c * dlen, draft, dlen);
	assert_int_equal(phi_scan(text, copies * dlen, NULL, &all), 0);
	assert_int_equal(all.n, copies * one.n);
	for (size_t k = 0; k < all.n; k++) {
		const struct phi_finding *a = &all.items[k];
		const struct phi_finding *o = &one.items[k % one.n];
		size_t at = k / one.n * dlen;
		assert_int_equal(a->start, o->start + at);
		assert_int_equal(a->end, o->end + at);
		assert_int_equal(a->category, o->category);
	}
	/* one line of 300 KB: cut inside, never past a byte of the text */
	for (size_t k = 0; k < 300000; k++)
		text[k] = "Smith0123-"[k % 10];
	assert_int_equal(phi_scan(text, 300000, NULL, &all), 0);
	for (size_t k = 0; k < all.n; k++)
		assert_true(all.items[k].start < all.items[k].end &&
		    all.items[k].end <= 300000);
	free(text);
	phi_findings_free(&one);
	phi_findings_free(&all);
}

static void
categories_round_trip_by_name(void **state)
{
	(void)state;
	for (int c = 0; c < PHI__MAX; c++) {
		const char *n = phi_category_name((enum phi_category)c);
		assert_int_equal(phi_category_from_name(n, strlen(n)), c);
	}
	assert_int_equal(phi_category_from_name("NOPE", 4), PHI__MAX);
}

static int
load_allow(void **state)
{
	size_t len;
	char *text = slurp("allow.txt", &len);
	(void)state;
	phi_config_init(&allow);
	if (text != NULL) {
		int bad = phi_config_parse(&allow, text, len);
		free(text);
		if (bad)
			return -1;
	}
	return 0;
}

static int
free_allow(void **state)
{
	(void)state;
	phi_config_free(&allow);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(labelled_drafts_meet_the_quality_bar),
		cmocka_unit_test(findings_are_in_bounds_sorted_and_disjoint_per_category),
		cmocka_unit_test(allow_list_suppresses_the_organisations_own_values),
		cmocka_unit_test(staff_with_a_credential_is_for_review_a_patient_is_blocked),
		cmocka_unit_test(a_persons_handle_is_blocked_an_agencys_is_asked_about),
		cmocka_unit_test(a_persons_school_or_room_is_blocked_an_events_is_asked_about),
		cmocka_unit_test(a_toll_free_line_is_asked_about_a_persons_number_is_blocked),
		cmocka_unit_test(a_hyphenated_given_name_is_highlighted_whole),
		cmocka_unit_test(a_second_place_joined_to_the_first_is_found_too),
		cmocka_unit_test(a_town_the_hospital_serves_is_no_patients),
		cmocka_unit_test(a_town_before_a_person_a_road_and_an_age_at_death_are_found),
		cmocka_unit_test(hashtags_letters_and_emoji_in_posts),
		cmocka_unit_test(ages_phones_initials_and_streets_written_out),
		cmocka_unit_test(congregations_names_from_towns_and_family_buildings),
		cmocka_unit_test(a_given_name_with_an_age_or_bed_after_it_is_found),
		cmocka_unit_test(a_wish_an_age_at_diagnosis_and_a_name_before_mom_are_found),
		cmocka_unit_test(a_holiday_is_a_date_beside_a_persons_event),
		cmocka_unit_test(an_official_a_storm_a_building_and_a_town_of_no_one_are_clean),
		cmocka_unit_test(a_town_word_a_family_and_a_nickname_are_found_a_player_is_not),
		cmocka_unit_test(hostile_input_is_scanned_safely),
		cmocka_unit_test(a_long_text_has_every_copys_phi_found),
		cmocka_unit_test(categories_round_trip_by_name),
	};
	return cmocka_run_group_tests_name("phi", tests, load_allow, free_allow);
}
