"""The typed sub-objects of :class:`digitize.core.Workspace`, one per area of work.

``ws.capture``, ``ws.records``, ``ws.search``, ``ws.transfer``, ``ws.signing``, ``ws.keys``:
each is a small class over the open vault that the GUI and the CLI call; the work itself is
done by the domain packages (``pipeline/``, ``records/``, ``store/``, ``transfer/``).
"""
