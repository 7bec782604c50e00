"""The web page of `advies`: a second face of the same register (see README, "De webpagina").

Starlette with Jinja2 templates, served by uvicorn; no script in the page. Every change goes
through `Register.als(ingelogde)` and the services the CLI uses. Imported only by `advies web`
and the tests, so the CLI starts without it."""
