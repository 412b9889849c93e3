"""The extradition risk assessor: explained risk reports from a case file and rules as data."""

__version__ = "0.1.0"
