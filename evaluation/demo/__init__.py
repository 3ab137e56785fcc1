"""Demo content of the evaluation module, built by `manage.py load_evaluation_demo`.

`loader.load` builds it all; `experts`, `results` and `voting` each add campaigns in
later stages, and `builders` holds the helpers they share.
"""

from evaluation.demo.loader import ACCOUNTS, CAMPAIGN_TITLE, PASSWORD, STORIES, load

__all__ = ["ACCOUNTS", "CAMPAIGN_TITLE", "PASSWORD", "STORIES", "load"]
