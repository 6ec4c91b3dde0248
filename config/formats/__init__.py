"""Date formats by language (``FORMAT_MODULE_PATH``): templates and code name a format
(``|date:"SHORT_DATE_FORMAT"``), never spell one, so each language writes dates its own way.
What a module leaves out comes from Django's own formats for that language."""
