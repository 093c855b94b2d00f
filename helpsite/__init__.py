"""The help site's own code, shared by the build hooks, the checks, the scripts and the tests.

- project:      where the project is, its mkdocs.yml, and its languages (read from the i18n plugin)
- facts:        data/facts.yml: loading, validation, per-language values
- front_matter: the rules every page's front matter follows
- built_site:   paths of a built site: pages, their language and source file
- page_security: the inline scripts a page may run (those of the templates) and what the CSP blocks
- building:     a strict MkDocs build of a project, and throw-away copies of the project
- serving:      the built site on 127.0.0.1, like the production server
- chromium:     Debian's Chromium for Playwright (tests, benchmark)
"""
