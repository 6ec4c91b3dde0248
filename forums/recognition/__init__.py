"""Recognition: badges earned by real actions, granted by one service when the event happens.

``badges`` describes them; ``granting.grant`` is the one writer (an ``Award`` row, unique per
member and badge, the code added to ``User.badges`` for bylines, a notification);
``events`` holds each badge's rule, called by the event's own service (posting, reactions,
accepted answers here; published cases and outcomes from cases; verification through
``accounts.extensions``, plugged in by ``forums/plugins.py``). ``thanks`` is the digests'
monthly "thank you" section.
"""
