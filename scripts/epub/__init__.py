"""The handbook as an EPUB 3 book, made from the built site's print page (``make epub``).

``print_page`` splits the print page into parts and chapters, ``content`` makes
each chapter book content, ``links`` points its links at chapter files,
``diagrams`` makes each diagram snapshot stand on its own, ``package`` writes
the book with ebooklib and ``check`` checks the result.
"""
