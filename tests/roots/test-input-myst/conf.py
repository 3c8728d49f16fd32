project = "Input"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
devlog_plain_logs = ["plain/*"]
exclude_patterns = ["_build"]
