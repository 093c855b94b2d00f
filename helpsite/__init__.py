"""The help site's own code, shared by the build hooks, the post-build pipeline, the checks and
the release scripts (installed into .venv by the set-up; the test harness is harness/).

- project:       where the project is, its mkdocs.yml (read without MkDocs), its languages
- facts:         data/facts.yml and data/ui-text.yml: loading, rules, per-language values,
                 the support's e-mail and phone links
- front_matter:  the rules every page's front matter follows
- help_ids:      data/help-ids.yml, the addresses the program opens
- built_site:    paths of a built site: pages, their language and source file
- html_page:     a built page read once with an HTML parser, with the place of each element
- addresses:     whether an address in a page stays on the site
- page_security: the inline scripts a page may run (those of the templates) and what the CSP blocks
- search_terms:  what the search index adds: keywords, German compound parts
- pipeline/:     the post-build pipeline, from the generator's output to the published site
- generator:     what ties the project to MkDocs (the hooks' helpers, the mkdocs command)
- release:       the release gate
- precompress:   Zopfli .gz copies for nginx
- serving:       the built site on 127.0.0.1, like the production server (checks, harness)
"""
