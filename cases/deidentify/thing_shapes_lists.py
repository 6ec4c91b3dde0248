"""Lists of general vocabulary for ``thing_shapes`` (session 26): the nouns of things that a
capitalised word before them names (instruments, operations, devices, findings, works), the
verbs of research that follow cited authors, and the endings of medicines' international
names. Written from general clinical English, not from any evaluation file.
"""

from __future__ import annotations

from typing import Final

# Nouns of things: the capitalised word before one is an eponym, a brand or a place a thing
# is named after ("Exeter stem", "Kramer zones", "Nissen fundoplication", "Bombay
# phenotype"). No noun of a place, a service or a person is here ("clinic", "district",
# "ward", "lab", "case", "lady", "family").
THING_HEADS: Final = frozenset(
    """
    stem stems cup cups liner nail plate screw pin wire wires splint splints brace frame
    fixator prosthesis implant implants graft grafts flap flaps patch pump sensor sensors
    monitor device devices kit kits machine machines mask tube tubes drain needle needles
    blade blades forceps retractor clamp stapler dressing dressings bandage bandages
    traction sling collar cast boot shunt shunts valve valves stent stents coil coils
    balloon catheter cannula generator scope
    angle angles line zone zones sign point space spaces triangle ring node nodes band
    operation operations procedure procedures repair repairs release rotation
    advancement mobilisation mobilization manipulation friction massage
    manoeuvre maneuver technique techniques approach incision incisions surgery
    fundoplication osteotomy
    phenotype genotype antigen antigens antibody antibodies allele alleles variant variants
    mutation mutations gene genes integron plasmid strain strains serotype serogroup
    category categories class classes grade stage type level
    criteria criterion classification scale scales score index model
    equation formula questions questionnaire inventory items item checklist
    revision revisions edition code act declaration charter convention agreement
    experiments experiment trial trials study studies cohort register registry
    product products tablets capsules injection injections vaccine vaccines inhaler
    inhalers insulin formulation preparation solution regimen
    swelling swellings rupture ruptures prophylaxis response reflex reflexes
    phenomenon effect manoeuvres lesion lesions ulcer ulcers fracture
    fractures capillary electrophoresis assay assays stain staining agar medium
    definite probable possible switch claim claims scheme
    """.split()
)
# Endings of the nouns of operations, findings and enzymes ("fundoplication", "osteotomy",
# "mammaplasty", "metallo-beta-lactamase").
THING_HEAD_ENDINGS: Final = (
    "ectomy",
    "otomy",
    "ostomy",
    "plasty",
    "plication",
    "pexy",
    "scopy",
    "graphy",
    "phoresis",
    "lactamase",
)
# Works of research and teaching: "Farhat's meta-analysis", "the Powell pooled analysis".
WORK_NOUNS: Final = frozenset(
    """
    work review reviews meta-analysis paper papers study studies series group cohort
    trial trials analysis analyses editorial data article articles chapter book textbook
    lecture lectures commentary guideline guidelines report reports
    """.split()
)
# Works after an author's possessive ("Farhat's meta-analysis", "Ortiz's group"): no word
# that is also a verb ("works", "reports") or a patient's own ("data", "letter").
POSSESSIVE_WORKS: Final = frozenset(
    """
    work review reviews meta-analysis paper papers study studies series group cohort trial
    trials analysis editorial article articles chapter book textbook lecture lectures
    commentary guideline guidelines
    """.split()
)
# Adjectives between an author's possessive and the work ("Bosch's classic review").
WORK_ADJECTIVES: Final = frozenset(
    """
    recent original landmark classic seminal systematic pooled famous early later large
    first second final updated
    """.split()
)
# Verbs of research after cited authors ("As Huang and Svensson reported", "what did Manson
# and Ross argue", "Gupta and Levinson wrote").
RESEARCH_VERBS: Final = frozenset(
    """
    showed shown show shows wrote write writes argue argued argues found find finds
    demonstrated demonstrate demonstrates concluded conclude suggest suggested suggests
    published publish described describe describes reported report proposed propose
    noted observed recommended recommend studied compared validated derived developed
    """.split()
)
# Endings of medicines' international names (INN stems) and of common generic names.
INN_ENDINGS: Final = (
    "mab",
    "nib",
    "cept",
    "tide",
    "parin",
    "xaban",
    "gatran",
    "pril",
    "sartan",
    "olol",
    "dipine",
    "statin",
    "gliflozin",
    "gliptin",
    "floxacin",
    "cycline",
    "mycin",
    "micin",
    "cillin",
    "azole",
    "vir",
    "tidine",
    "setron",
    "triptan",
    "lukast",
    "olone",
    "terol",
    "afil",
    "gabalin",
    "pentin",
    "oxetine",
    "azepam",
    "zolam",
    "profen",
    "coxib",
    "dronate",
    "platin",
    "taxel",
    "rubicin",
    "vaptan",
    "erenone",
    "oquine",
    "parib",
    "sentan",
    "semide",
    "thiazide",
    "zosin",
    "triptyline",
    "fungin",
    "pressin",
    "tocin",
    "sulam",
    "mustine",
    "relin",
    "lutamide",
    "trexate",
    "olimus",
    "abine",
    "osin",
    "fentanil",
    "fol",
    "curonium",
    "caine",
)
