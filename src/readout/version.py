"""The version of readout (one place: the package, the CLI, the API and every coded record read it)."""

__version__ = "0.1.0"
