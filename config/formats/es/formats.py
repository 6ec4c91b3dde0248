# 5 de diciembre de 2026, 5 dic. 2026, 14:05: as Spanish style guides write them (month names
# in lower case, the abbreviation with its full stop).
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j N Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
