"""Documents a lawyer edits and files: the Word memorandum (memorandum.py), the shared Word
machinery python-docx lacks (ooxml.py: footnotes, page fields, the privilege marking) and the
default template a firm replaces with its own letterhead (template.py)."""
