"""The one mail pipeline: every email the site sends (allauth's apart) goes through here.

- ``compose``: subject, text and HTML from ``templates/<app>/email/<name>_{subject.txt,
  body.txt,body.html}`` over one base template (``email/base.html``), the preferences link and
  the one-click unsubscribe headers (``Composer``, ``compose``, ``preferences_url``);
- ``send``: a batch over one SMTP connection (``send_batch``), ``MailNotSent`` and the retry
  options every mail task uses (``RETRYING``);
- ``ledger``: exactly once for an email about one thing (``send_once``, ``OnceEmail``), in
  the ``EmailDelivery`` table (``models``);
- ``recipients``: who wants what (``preferences_of``, ``wants_review_emails``).

Services that enqueue are named ``queue_*`` (``accounts.outbox.queue_after_commit``), those
that send ``send_*``; a Celery task is named like the service it calls and only calls it.
"""
