"""Training commands for presslens's shipped models (``presslens train ...``).

Every trainer reads its data from a directory in the documented layout,
hashes exactly the files it uses (:func:`presslens.train.common.data_hash`),
refuses data whose hash differs from the pinned one unless told otherwise,
and writes its weights with a model card into ``src/presslens/models/<name>/``
(or ``--out``). Training needs the ``train`` extra.
"""
