"""Plain logs: Markdown session logs without directives, read as a person reads them.

The build reads the tree MyST has just made (:mod:`.transform`, a transform that gives
a plain log the header, items and data a directive log has); the command line parses
the file into the same tree (:mod:`.parse`). Both read it with :func:`.reader.read_document`:

- :mod:`.reader`: the reading order, and :func:`~.reader.read_document`;
- :mod:`.titles`: the title and a ``HEADER`` section;
- :mod:`.fields`: header fields (``Status: x``, front matter, two-column tables), named
  by :mod:`.fieldnames` (words declared in the header schema, ``fields.py``);
- :mod:`.status`: which status a free-text status line means;
- :mod:`.walk`: which kind of item applies where, section by section;
- :mod:`.sections`: which kind a heading names, from its words;
- :mod:`.labels`: bold or plain labels that stand for a heading;
- :mod:`.items`: items from lists, tables and labelled lines; :mod:`.marks`: done
  markers; :mod:`.paths`: file paths;
- :mod:`.text`, :mod:`.normalize`: the text and words of nodes and lines;
- :mod:`.log`, :mod:`.state`: what the reader found, and what it keeps while walking.
"""
