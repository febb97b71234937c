"""Models the project trains from its own annotated data (``readout train``) and ships in the package."""
