"""`make bench`: build time, first-load weight, search index and questions, Lighthouse and the
test suite's time, each next to its target; printed and written, dated, to BENCHMARKS.md.

measure.py takes the figures, judge.py compares them with the targets, report.py writes them;
__main__.py runs the three. Everything is built into temporary folders and served on
127.0.0.1 only; site/ is not touched.
"""
