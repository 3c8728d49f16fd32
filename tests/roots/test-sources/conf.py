project = "Tidewater"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build", "project"]
devlog_plain_logs = ["logs/*"]
devlog_source_url = "https://example.org/tidewater/blob/main/{path}"
devlog_commit_url = "https://example.org/tidewater/commit/{sha}"
devlog_source_root = "project"
