project = "Kestrel"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
devlog_plain_logs = ["logs/*"]
smartquotes = False
suppress_warnings = ["myst.header"]
exclude_patterns = ["_build"]
