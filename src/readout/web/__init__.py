"""The HTTP edge of readout: an API over a corpus database (and the coder), served by ``readout serve``. It adds no
coding or querying of its own: every route calls the store's query functions or the coder, as the CLI does."""

from readout.web.api import create_app

__all__ = ["create_app"]
