"""The app's routes, one module per page group: ``paste`` (``/`` and ``/analyze``), ``articles`` (stored
articles), ``corpus_pages`` (search, speakers, trace, stories) and ``api`` (the JSON API under ``/api``)."""
