"""The scanner's passes that each look for one family of identifiers by its cue words, and the
passes that settle what was found (quiet look-alikes, then read what only a settled text shows).

``find_identifiers`` (the package's ``__init__``) runs the core patterns and the name judge
first, then ``find_by_cues``, then its own short regular expressions, then ``settle``. The order
is part of the result: a later pass reads what earlier ones found (``found``), and a quiet pass
drops what it knows to be no identifier. A new pass goes where what it reads is settled.
"""

from __future__ import annotations

from cases.deidentify.abroad import find_places_of_people, quiet_switched
from cases.deidentify.addresses_rural import find_rural_addresses
from cases.deidentify.ages_and_ids_abroad import find_ages_and_ids_abroad
from cases.deidentify.beside import find_beside, quiet_headings
from cases.deidentify.care_places import find_care_places
from cases.deidentify.clinical_look_alikes import quiet_clinical
from cases.deidentify.clinical_shapes import quiet_clinical_shapes
from cases.deidentify.community_roles import find_community_roles
from cases.deidentify.craft_and_vessels import find_craft_and_vessels
from cases.deidentify.dates_short import find_short_dates, quiet_short_numbers
from cases.deidentify.employers_abroad import find_employers_abroad
from cases.deidentify.employers_bare import find_bare_employers
from cases.deidentify.employers_jobs import find_employers_of_jobs
from cases.deidentify.employers_worked import find_employers_worked
from cases.deidentify.famous_look_alikes import quiet_famous
from cases.deidentify.feasts_abroad import find_feasts_abroad
from cases.deidentify.finding import Finding
from cases.deidentify.greeting_look_alikes import quiet_greetings
from cases.deidentify.hospital_initials import find_hospital_initials
from cases.deidentify.id_refs import find_id_refs
from cases.deidentify.ids_ages_dates_shaped import find_ids_ages_dates
from cases.deidentify.institutions import find_institutions
from cases.deidentify.institutions_bare import find_bare_institutions, quiet_virus_lists
from cases.deidentify.islands_and_districts import find_islands_and_districts
from cases.deidentify.labels_abroad import find_labels_abroad
from cases.deidentify.landmarks import find_landmarks
from cases.deidentify.medicine_names import quiet_medicines
from cases.deidentify.named_days import find_named_days
from cases.deidentify.named_kinds import quiet_named_kinds
from cases.deidentify.named_things import quiet_named_things
from cases.deidentify.names_abroad import find_names_abroad
from cases.deidentify.names_addressed import find_addressed_names
from cases.deidentify.names_and_ages_seen import find_names_and_ages_seen
from cases.deidentify.names_in_chat import find_names_in_chat, quiet_kin_words
from cases.deidentify.names_in_passing import find_names_in_passing
from cases.deidentify.names_lower_slots import find_lower_names
from cases.deidentify.names_placed import find_names_placed
from cases.deidentify.occasions import find_occasions
from cases.deidentify.offices_and_kin import find_offices_and_kin
from cases.deidentify.other_calendars import find_other_calendar_dates
from cases.deidentify.places_by_kind import find_places_by_kind
from cases.deidentify.places_cued import find_cued_places
from cases.deidentify.places_local import find_local_places
from cases.deidentify.post_look_alikes import quiet_posts
from cases.deidentify.posts import find_posts
from cases.deidentify.rare_kinds import find_rare_kinds, quiet_rare_kinds
from cases.deidentify.services_and_devices import quiet_services_and_devices
from cases.deidentify.signatures_and_firms import find_signatures_and_firms, quiet_lower_ward_words
from cases.deidentify.slots import find_slots
from cases.deidentify.spanish import find_spanish, quiet_spanish
from cases.deidentify.sparse import find_sparse, quiet_sparse
from cases.deidentify.streets_islands import find_streets_islands
from cases.deidentify.trades_abroad import quiet_trades_abroad
from cases.deidentify.unique_appositives import find_unique_appositives
from cases.deidentify.unique_deeds import find_unique_deeds
from cases.deidentify.unique_local_roles import find_unique_local_roles
from cases.deidentify.unique_offices import find_unique_offices
from cases.deidentify.unknown_proper import find_unknown_proper
from cases.deidentify.vessels_islands import find_vessels_islands
from cases.deidentify.word_look_alikes import quiet_word_look_alikes
from cases.deidentify.word_names import find_word_names
from cases.deidentify.works_cited import quiet_works_cited
from cases.deidentify.writers_and_regions import quiet_writers_and_regions


def find_by_cues(text: str, low: str, found: list[Finding]) -> None:
    """Finders keyed on cue words (feasts, workplaces, islands, offices, references...)."""
    find_occasions(text, found)
    find_named_days(text, low, found)
    find_other_calendar_dates(text, low, found)
    find_employers_abroad(text, found)
    find_streets_islands(text, found)
    find_vessels_islands(text, low, found)
    find_landmarks(text, found)
    find_slots(text, low, found)
    find_institutions(text, found)
    find_unique_appositives(text, found)
    find_employers_of_jobs(text, low, found)
    find_cued_places(text, low, found)
    find_id_refs(text, low, found)
    find_offices_and_kin(text, low, found)
    find_short_dates(text, low, found)
    find_ids_ages_dates(text, low, found)  # after the short dates it reads
    find_hospital_initials(text, low, found)
    find_islands_and_districts(text, low, found)
    find_community_roles(text, low, found)
    find_unknown_proper(text, found)  # last of the finders: words no list or cue knows


def settle(text: str, low: str, found: list[Finding]) -> list[Finding]:
    """Quiet passes and the finders that read the text once the quiet passes have run."""
    find_places_of_people(text, low, found)
    found = quiet_switched(text, low, found)
    found = quiet_spanish(text, low, found)
    find_spanish(text, low, found)
    find_posts(text, low, found)
    found = quiet_posts(text, found)
    find_beside(text, found)
    found = quiet_headings(text, found)
    find_sparse(text, low, found)
    found = quiet_sparse(text, found)
    find_bare_institutions(text, low, found)
    find_bare_employers(text, low, found)
    find_rural_addresses(text, found)
    found = quiet_virus_lists(text, found)
    find_rare_kinds(text, low, found)
    found = quiet_rare_kinds(text, found)
    found = quiet_greetings(text, found)
    found = quiet_famous(text, low, found)
    # after the quiet passes, which drop one ordinary word and a country's name
    find_care_places(text, low, found)
    find_word_names(text, low, found)
    find_names_in_passing(text, low, found)
    find_names_in_chat(text, low, found)
    find_ages_and_ids_abroad(text, low, found)
    find_signatures_and_firms(text, low, found)
    found = quiet_word_look_alikes(text, found)
    found = quiet_clinical(text, low, found)
    found = quiet_works_cited(text, low, found)
    found = quiet_medicines(text, low, found)
    found = quiet_writers_and_regions(text, low, found)
    found = quiet_short_numbers(text, found)
    found = quiet_kin_words(text, low, found)
    found = quiet_lower_ward_words(found)
    find_lower_names(text, low, found)  # after the quiet passes that drop one letter
    find_names_placed(text, low, found)
    find_unique_deeds(text, low, found)
    found = quiet_services_and_devices(text, low, found)
    found = quiet_named_things(text, low, found)  # brands, makers, works, eponyms, services
    found = quiet_named_kinds(text, low, found)  # instruments, regions, peoples, faiths, makers
    # round 22: read after every quiet pass, which would take a feast, a boat or a place of
    # origin that shares a word with a disease for a named thing
    find_feasts_abroad(text, low, found)
    find_craft_and_vessels(text, low, found)
    find_names_abroad(text, low, found)
    # round 23: names by address, places by local units, offices and licences by shape
    find_addressed_names(text, low, found)
    find_local_places(text, low, found)
    find_unique_offices(text, low, found)
    # round 24: names and ages where tired writers put them, places by their kind's word,
    # employers by a spell of work, labels of other languages, a role in a small community
    find_names_and_ages_seen(text, low, found)
    find_places_by_kind(text, low, found)
    find_employers_worked(text, low, found)
    find_labels_abroad(text, low, found)
    find_unique_local_roles(text, low, found)
    found = quiet_trades_abroad(text, low, found)  # the writer's trade and region, countries
    return quiet_clinical_shapes(text, found)  # durations, scores, tests' initials, habits
