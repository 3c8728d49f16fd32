project = "Larkspur"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
devlog_plain_logs = ["logs/*"]
devlog_status_aliases = {"shipped": "complete"}
smartquotes = False
exclude_patterns = ["_build"]
