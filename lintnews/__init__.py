"""lintnews: a text-quality linter for scraped news articles.

Importing the package is deliberately cheap: the engine, the rules and the reporters are
loaded on demand by the command line, so a pre-commit hook pays only for what it uses.
"""

__version__ = "0.1.0"
