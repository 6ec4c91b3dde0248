"""The identifier scanner on Spanish (issue 27): what it finds and what stays quiet.

The corpus figures are in test_deidentify.py (corpus "spanish"); these are single sentences of
each kind, with the check letter of DNI and NIE validated."""

import pytest

from cases.deidentify import find_identifiers
from cases.deidentify.spanish import DNI_LETTERS, looks_spanish
from tests.cases.test_deidentify import _best_time


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifiers(text)]


def test_the_dni_table_is_the_official_mod_23_table():
    assert DNI_LETTERS == "TRWAGMYFPDXBNJZSQVHLCKE"
    assert DNI_LETTERS[12345678 % 23] == "Z"


@pytest.mark.parametrize(
    ("text", "kind", "identifier"),
    [
        ("Su documento es 87654321X, sin más.", "OTHER_ID", "87654321X"),
        ("DNI 12345678-Z en la hoja de ingreso.", "OTHER_ID", "12345678-Z"),
        ("Con NIE X1234567L trabaja en el campo.", "OTHER_ID", "X1234567L"),
        ("NIE Y-0938475-C en la tarjeta de residente.", "OTHER_ID", "Y-0938475-C"),
        ("Cédula de ciudadanía 52.345.678 en la epicrisis.", "OTHER_ID", "52.345.678"),
        ("NSS 08/12345678/90 en el informe.", "SSN", "08/12345678/90"),
        ("Número de afiliación 281234567840 del trabajador.", "SSN", "281234567840"),
        ("Su NSS del IMSS es 12345678901.", "SSN", "12345678901"),
        ("Tarjeta sanitaria individual: CLMA 1234 5678 90.", "HEALTH_PLAN", "CLMA 1234 5678 90"),
        ("CIP MOGA480912001 en el volante.", "HEALTH_PLAN", "MOGA480912001"),
        ("Nº de historia clínica 7788990 en la pulsera.", "MRN", "7788990"),
        ("NHC: 123456; pasa a planta.", "MRN", "123456"),
        ("Nacida el 1 de enero de 1930 en un pueblo.", "DATE", "el 1 de enero de 1930"),
        ("Empezó con fiebre en noviembre de 2023.", "DATE", "noviembre de 2023"),
        ("Vuelve a consulta el 7 de junio con análisis.", "DATE", "el 7 de junio"),
        ("Cirugía el 3-sep-2024 sin incidencias.", "DATE", "3-sep-2024"),
        ("Mujer de 96 años con disnea.", "AGE_OVER_89", "de 96 años"),
        ("Vive en la Calle de Alcalá 45, 2º A, con su hermana.", "GEO", "Calle de Alcalá 45, 2º A"),
        ("La recogieron en el Paseo del Prado 12.", "GEO", "Paseo del Prado 12"),
        ("Ingresa en el Hospital Universitario La Fe por la noche.", "GEO", "La Fe"),
        ("Seguimiento en el Centro de Salud Arganzuela cada mes.", "GEO", "Arganzuela"),
        ("Lo vio la Dra. Beltrán Sáez en consulta.", "NAME", "Beltrán Sáez"),
        ("La acompaña su hija Carmen desde hace años.", "NAME", "Carmen"),
        ("Vino con su nieto, Javier Ortega, a urgencias.", "NAME", "Javier Ortega"),
        ("Es natural de Talavera de la Reina y vive sola.", "GEO", "Talavera de la Reina"),
    ],
)
def test_spanish_identifiers_are_found_with_their_kind(text, kind, identifier):
    found = kinds(text)
    assert any(k == kind and identifier in t for k, t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Signo de Murphy positivo y dolor en hipocondrio derecho.",
        "Enfermedad de Crohn ileal con estenosis; índice de Harvey-Bradshaw 9.",
        "Escala de Glasgow 15 a la llegada; maniobra de Valsalva sin cambios.",
        "Hospital de día de Oncología los martes; los lunes acude a diálisis.",
        "Paciente de 89 años con insuficiencia cardíaca, soplo sistólico 3/6.",
        "Síndrome de Down con cardiopatía; test de Apgar 9/10 al nacer.",
        "Clasificación de Child-Pugh B; criterios de Ranson 3; escala de Wells 4.",
        "Fractura de Colles y fractura de Smith: diferencias en la reducción.",
        "Valoración por Neurología: Rankin modificado 2, NIHSS 4.",
        "Buenos días, compañeros: os presento un caso de tuberculosis miliar.",
        "La reunión de la Sociedad Española de Cardiología es en 2025.",
        # A number shaped like a DNI whose check letter is wrong is not one.
        "Referencia del lote 87654321A sin etiqueta.",
    ],
)
def test_spanish_eponyms_scores_and_services_stay_quiet(text):
    assert kinds(text) == []


def test_english_fields_skip_the_spanish_word_rules_but_not_the_numbers():
    assert not looks_spanish(("Seen in clinic with his wife and son; plan reviewed. " * 8).lower())
    assert looks_spanish("dolor torácico de inicio brusco")
    found = kinds("Her Spanish ID card reads 87654321X and she lives in Murcia.")
    assert ("OTHER_ID", "87654321X") in found
    assert any(t == "Murcia" for _k, t in found), found


def test_spanish_rules_stay_linear_on_repeated_labels_names_and_services():
    # Each labelled number, titled name and day service once made a pass over every finding.
    unit = (
        "NHC 123456 DNI 12345678Z Sra. Pérez y su hija Carmen. "
        + "Hospital de día, Hospital Universitario La Paz; soplo 3/6. "
    )
    half = (unit * (100_000 // len(unit) + 1))[:100_000]
    ratio = _best_time(half * 2) / _best_time(half)
    # Linear is about 2; quadratic would be about 4.
    assert ratio < 3, ratio
