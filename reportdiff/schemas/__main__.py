"""`python -m reportdiff.schemas > docs/json.md`: the field-by-field documentation of the JSON documents."""
import sys

from . import markdown

sys.stdout.write(markdown())
