"""Forums' email, over the accounts mail pipeline (``accounts.mail``):

- ``notification_emails``: the immediate emails of mentions, quotes and replies (one ledger row
  per notification, ``accounts.mail.ledger``);
- ``digests``: the digests, as ``build`` (what each member's digest holds), ``ledger`` (who is
  due, claims per member and period in ``DigestDelivery``) and ``send`` (render, send, record);
- ``links``: how emails name and link a thread (a case's discussion without its title).
"""
