project = "Tidewater"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
exclude_patterns = ["project"]

devlog_source_url = "https://example.org/tidewater/blob/main/{path}"
devlog_commit_url = "https://example.org/tidewater/commit/{sha}"
devlog_source_root = "project"  # here a folder beside conf.py; in a repository, often ".."
