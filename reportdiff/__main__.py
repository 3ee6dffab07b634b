"""`python -m reportdiff ...`: the same command as the `reportdiff` console script."""
from .cli import app

if __name__ == "__main__":
    app(prog_name="reportdiff")
