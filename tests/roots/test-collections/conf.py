project = "Tidewater"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
