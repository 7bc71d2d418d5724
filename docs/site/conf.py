"""Sphinx configuration of the collection's documentation site (hack/docs-site.sh builds it).

The pages come from the collection's own specs (roles' meta/argument_specs.yml, the plugins'
documentation) through antsibull-docs, which writes them into rst/ next to the build.
"""

project = 'greenunicorn.gunicorn'
copyright = 'greenunicorn maintainers'  # pylint: disable=redefined-builtin
title = 'greenunicorn.gunicorn'
html_short_title = 'greenunicorn.gunicorn'

extensions = ['sphinx.ext.intersphinx', 'sphinx_antsibull_ext']
pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'
html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
display_version = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False

# Built offline: the links to ansible-core's pages (ansible.builtin modules, the return values
# common to all modules) cannot be resolved against docs.ansible.com's inventory here;
# hack/docs-site.sh accepts exactly those and fails on any other warning.
intersphinx_mapping = {}

default_role = 'any'
nitpicky = True
