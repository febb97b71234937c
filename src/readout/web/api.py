"""The API: code a text without storing it; documents (text, events, every evidence span); events with the CLI's
filters, paginated, or downloaded as CSV or JSONL; actors; a dyad's timeline. Read-only unless the app is made with an
ingestion token; request bodies are capped (413); no cross-origin access unless origins are given.

    app = create_app("readout.db")                       # what ``readout serve`` runs
    app = create_app("readout.db", ingest_token="s3cr3t")  # POST /api/ingest with "Authorization: Bearer s3cr3t"
"""


import hmac
import io
import json
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from readout.errors import ReadoutError
from readout.store import Corpus, Filters
from readout.version import __version__

MAX_BODY = 5_000_000  # bytes a request may carry (a long readout is 50 kB)
MAX_PAGE = 1000
# Scripts only from this server, and no script in the page itself. Styles may be set inline: plotly.js styles the
# dyad chart that way, and the page never inserts document text as markup, so no text can bring a style of its own.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class TextIn(BaseModel):
    text: str = Field(..., description="the document's text")
    title: str = ""
    date: str | None = Field(None, description="publication date, YYYY-MM-DD")
    source: str | None = Field(None, description="the publisher, e.g. kremlin.ru")
    id: str | None = None


class IngestIn(BaseModel):
    documents: list[TextIn]


class BodyLimit:
    """Refuse a request whose body is over ``limit`` bytes with 413, before the app reads it whole."""

    def __init__(self, app: Any, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit, send)
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _Oversize()
            return message

        try:
            await self.app(scope, counted, send)
        except _Oversize:
            await _too_large(self.limit, send)


class _Oversize(Exception):
    pass


async def _too_large(limit: int, send: Any) -> None:
    body = json.dumps({"detail": f"request body over {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(db: str | None = None, *, ingest_token: str | None = None, allow_origins: list[str] | None = None,
               max_body: int = MAX_BODY, coder: Any = None, knowledge: str | None = None) -> FastAPI:
    """The app over the corpus database ``db``. ``coder``: a ``Coder`` to use (built on first need);
    ``knowledge``: the knowledge folder it codes with, names countries with and rolls PLOVER contexts up with."""
    app = FastAPI(title="readout", version=__version__, openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None, description=__doc__)
    corpus = Corpus(db, knowledge=knowledge, create=ingest_token is not None)  # a read-only server needs a corpus
    state: dict[str, Any] = {"coder": coder}
    building = threading.Lock()

    def get_coder() -> Any:
        """The coder, built once by the first request that needs it (the others wait for that one)."""
        if state["coder"] is None:
            with building:
                if state["coder"] is None:
                    from readout.coder import Coder

                    state["coder"] = Coder(knowledge=knowledge)
        return state["coder"]

    @app.exception_handler(ReadoutError)
    async def bad_value(request: Request, err: ReadoutError) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=422)

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        return {"readout": __version__, "ingest": ingest_token is not None, **corpus.counts()}

    _reading_routes(app, corpus)
    _coding_routes(app, corpus, get_coder, ingest_token)
    _page_routes(app)
    if allow_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=allow_origins, allow_methods=["GET", "POST"],
                           allow_headers=["authorization", "content-type"])
    app.add_middleware(BodyLimit, limit=max_body)
    return app


def filters(actor: str | None = None, country: str | None = None, source: str | None = None,
            target: str | None = None, cameo: str | None = None, plover: str | None = None,
            since: str | None = None, until: str | None = None, text: str | None = None,
            modality: str | None = None, document: str | None = None) -> Filters:
    """The CLI's event filters; ``source`` and ``target`` together make a directed dyad."""
    if bool(source) != bool(target):
        raise HTTPException(422, "give both source and target for a dyad")
    return Filters(actor=actor, country=country, dyad=(source, target) if source and target else None,
                   cameo=cameo, plover=plover, since=since, until=until, text=text, modality=modality,
                   document=document)


def _reading_routes(app: FastAPI, corpus: Corpus) -> None:
    """What the corpus holds: documents, events, actors, a dyad's timeline, the country network."""

    @app.get("/api/documents")
    def documents(q: str | None = None, source: str | None = None, since: str | None = None,
                  until: str | None = None, limit: int = Query(50, ge=1, le=MAX_PAGE),
                  offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Documents, newest first, whose title or text holds ``q``."""
        total, items = corpus.documents(q, source, since, until, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/documents/{key:path}")
    def document(key: str) -> dict[str, Any]:
        """A document's text and title, and every event coded from it with its evidence spans."""
        found = corpus.document(key)
        if found is None:
            raise HTTPException(404, f"no document {key!r}")
        return found

    @app.get("/api/events", response_model=None)
    def events(f: Annotated[Filters, Depends(filters)], format: str = Query("json", pattern="^(json|csv|jsonl)$"),
               limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0),
               sort: str = Query("-date", pattern="^-?(date|cameo|goldstein|documents|modality)$")) -> Any:
        """Events with the CLI's filters: a page as JSON (newest first unless ``sort`` says otherwise: ``date``,
        ``cameo``, ``goldstein``, ``documents``, ``modality``, ``-`` first for descending), or every match as CSV
        (one row a directed dyad) or JSONL, oldest first."""
        from readout.formats.rows import event_row

        if format == "csv":
            from readout.formats.exports import export

            buffer = io.StringIO()
            export(corpus.iter_events(f), "csv", buffer, kb=corpus.kb)
            return Response(buffer.getvalue(), media_type="text/csv",
                            headers={"content-disposition": 'attachment; filename="events.csv"'})
        if format == "jsonl":
            lines = (json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in corpus.iter_events(f))
            return Response("".join(lines), media_type="application/x-ndjson",
                            headers={"content-disposition": 'attachment; filename="events.jsonl"'})
        with corpus.engine.connect() as conn:
            rows = conn.execute(corpus.events_query(f, limit, sort=sort, offset=offset)).mappings().all()
        return {"total": corpus.count_events(f), "limit": limit, "offset": offset,
                "items": [event_row(r) for r in rows]}

    @app.get("/api/actors")
    def actors(name: str | None = None, country: str | None = None,
               limit: int = Query(100, ge=1, le=MAX_PAGE)) -> list[dict[str, Any]]:
        """Actors by mentions, with the aliases that named them."""
        return corpus.actors(name=name, country=country, limit=limit).to_dict("records")

    @app.get("/api/dyads/{source}/{target}")
    def dyad(source: str, target: str, both: bool = False, by: str = Query("month", pattern="^(day|month|year)$"),
             since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """A dyad's events by period and QuadClass, with the mean Goldstein score."""
        df = corpus.dyad(source, target, both=both, by=by, since=since, until=until)
        return json.loads(df.to_json(orient="records"))

    @app.get("/api/network")
    def network(since: str | None = None, until: str | None = None,
                min_events: int = Query(1, ge=1)) -> list[dict[str, Any]]:
        """Country pairs in a period: events, the share that is conflict, mean Goldstein."""
        return corpus.network(since=since, until=until, min_events=min_events)


def _coding_routes(app: FastAPI, corpus: Corpus, get_coder: Any, ingest_token: str | None) -> None:
    """Coding a text without storing it, and storing documents (only with the ingestion token). The coder codes one
    request at a time (its stages keep per-document state; the work is CPU-bound under one interpreter lock anyway),
    while reading requests go on in the other threads."""
    coding = threading.Lock()

    @app.post("/api/code")
    def code(doc: TextIn, coder: Annotated[Any, Depends(get_coder)]) -> dict[str, Any]:
        """Code a text and return its events, actors and dates with their evidence; nothing is stored."""
        from readout.coder import check_day
        from readout.records import Document

        check_day(doc.date)  # before waiting for the coder
        document = Document(text=doc.text, title=doc.title, date=doc.date, source=doc.source or "", id=doc.id or "")
        with coding:
            coded = coder.code(document)
        return coded.to_dict()

    @app.post("/api/ingest")
    def ingest(batch: IngestIn, request: Request, coder: Annotated[Any, Depends(get_coder)]) -> dict[str, Any]:
        """Code and store documents: only on a server started with an ingestion token, sent as a Bearer token."""
        if ingest_token is None:
            raise HTTPException(403, "this server is read-only (start it with an ingestion token to store documents)")
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {ingest_token}".encode()):
            raise HTTPException(401, "a valid ingestion token is required")
        import tempfile

        from readout.store.ingest import ingest as store

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "batch.jsonl"
            path.write_text("".join(json.dumps(d.model_dump(exclude_none=True)) + "\n" for d in batch.documents),
                            encoding="utf-8")
            with coding:
                summary = store([str(path)], coder=coder, engine=corpus.engine)
        return {k: getattr(summary, k) for k in ("read", "coded", "stored", "unchanged", "skipped")}


def _page_routes(app: FastAPI) -> None:
    """The explorer page, its files, and the headers every response carries."""
    static = Path(__file__).parent / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        """The explorer: one page, its script and style served from the package (no CDN, no network)."""
        return FileResponse(static / "index.html")

    @app.get("/lib/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        """The dyad chart's plotting library, served from the installed plotly package (a pinned dependency)."""
        return FileResponse(_plotly_js(), media_type="text/javascript",
                            headers={"cache-control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        # only this server's own scripts and styles run; nothing frames the page
        response.headers.setdefault("content-security-policy", CSP)
        response.headers.setdefault("x-content-type-options", "nosniff")
        return response


def _plotly_js() -> Path:
    """plotly.js as the plotly package ships it (never copied into readout); 404 if that package lacks it."""
    try:
        import plotly
    except ImportError:
        raise HTTPException(404, "the plotly package is not installed: pip install plotly") from None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise HTTPException(404, f"plotly {plotly.__version__} ships no package_data/plotly.min.js")
    return path
