"""The CPD learning log: a member's private record of learning from threads and cases.

- ``activity``: what the member did in a thread or case, from the rows it left, and the time
  it took (an estimate the member may change);
- ``recording``: the write services (add, reflect, remove, the weekly prompt's switch);
- ``selectors``: the pages' reads, always of the member's own rows;
- ``export``, ``pdf``: a period for an appraiser as CSV or PDF, with a signed verification link;
- ``charts``: the yearly summary's bar charts as SVG geometry;
- ``prompts``: the weekly email about what is not logged yet;
- ``member_data``: the log in "my data" and its removal with the account.

The pages are ``forums.pages.learning`` and ``forums.pages.learning_export``; cases adds its
part (a case's reference, specialty, quiz vote, case and outcome posted, and the identifier
scanner for reflections) through ``forums.extensions``.
"""
