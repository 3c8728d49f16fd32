project = "Tidewater"
extensions = ["sphinxcontrib_devlog"]
exclude_patterns = ["_build"]
