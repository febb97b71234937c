"""Readers turn files and streams into Documents; writers turn CodedDocuments into what users load elsewhere."""
