#!/usr/bin/python3
"""The comparison peer for bench/run: the benchmarked routes of Career Copilot written the way
a Python team would write them with FastAPI + SQLAlchemy (ORM, sync endpoints with a session
per request, Pydantic response models), on its own SQLite file.

It keeps the parts of our schema and rules that the benchmarked routes touch: users, sessions
(bearer token stored as a BLAKE2b digest, expiry checked, last_used_at refreshed at most once a
minute), jobs with the same indexes and an FTS5 index kept by the same triggers, applications;
POST /jobs checks exact duplicates (fingerprint or application URL) and scores near duplicates
among up to 500 jobs whose company starts with the same three letters, like job.c.

  fastapi_app.py seed DB.sqlite JOBS.json N STEP   create the schema, one user, a session, the
                  jobs and N applications on jobs 1, 1+STEP, ... (like seed.py); prints the token
  COPILOT_BENCH_DB=DB.sqlite /usr/bin/python3 -m uvicorn fastapi_app:app --app-dir bench ...
"""
import difflib
import hashlib
import json
import os
import re
import secrets
import sys
from datetime import datetime, timedelta, timezone
from typing import Dict, List, Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import (Column, ForeignKey, Index, Integer, String, Text, create_engine, event,
                        func, or_, select, text, update)
from sqlalchemy.orm import Session, declarative_base, sessionmaker
from sqlalchemy.pool import QueuePool

Base = declarative_base()


def now_text() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column(String, nullable=False, unique=True)
    email = Column(String, nullable=False, unique=True)
    hashed_password = Column(String)
    is_admin = Column(Integer, nullable=False, default=0)
    created_at = Column(String, nullable=False, default=now_text)
    updated_at = Column(String, nullable=False, default=now_text)


class DbSession(Base):
    __tablename__ = "sessions"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                     index=True)
    token_hash = Column(String, nullable=False, unique=True)
    created_at = Column(String, nullable=False, default=now_text)
    expires_at = Column(String, nullable=False, index=True)
    last_used_at = Column(String)
    user_agent = Column(String)


class Job(Base):
    __tablename__ = "jobs"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                     index=True)
    company = Column(String, nullable=False, index=True)
    title = Column(String, nullable=False, index=True)
    location = Column(String)
    description = Column(Text)
    requirements = Column(Text)
    salary_range = Column(String)
    salary_min = Column(Integer)
    salary_max = Column(Integer)
    currency = Column(String)
    job_type = Column(String)
    remote_option = Column(String)
    tech_stack = Column(Text)  # JSON text, like ours on SQLite
    responsibilities = Column(Text)
    documents_required = Column(Text)
    application_url = Column(String)
    source_url = Column(String)
    source = Column(String)
    status = Column(String, nullable=False, default="not_applied", index=True)
    notes = Column(Text)
    date_applied = Column(String)
    job_fingerprint = Column(String, index=True)
    application_url_key = Column(String)
    source_url_key = Column(String)
    created_at = Column(String, nullable=False, default=now_text)
    updated_at = Column(String, nullable=False, default=now_text)
    __table_args__ = (
        Index("jobs_user_created_at_idx", "user_id", "created_at"),
        Index("jobs_user_fingerprint_key", "user_id", "job_fingerprint", unique=True),
        Index("jobs_user_application_url_key_idx", "user_id", "application_url_key"),
        Index("jobs_user_source_url_key_idx", "user_id", "source_url_key"),
    )


class Application(Base):
    __tablename__ = "applications"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                     index=True)
    job_id = Column(Integer, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False,
                    index=True)
    status = Column(String, nullable=False, default="interested", index=True)
    applied_date = Column(String)
    response_date = Column(String)
    interview_date = Column(String)
    offer_date = Column(String)
    follow_up_date = Column(String)
    notes = Column(Text)
    interview_feedback = Column(Text)
    created_at = Column(String, nullable=False, default=now_text)
    updated_at = Column(String, nullable=False, default=now_text)


FTS_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5 (title, company, description, "
    "requirements, content = 'jobs', content_rowid = 'id', "
    "tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS jobs_fts_after_insert AFTER INSERT ON jobs BEGIN "
    "INSERT INTO jobs_fts (rowid, title, company, description, requirements) "
    "VALUES (new.id, new.title, new.company, new.description, new.requirements); END",
    "CREATE TRIGGER IF NOT EXISTS jobs_fts_after_delete AFTER DELETE ON jobs BEGIN "
    "INSERT INTO jobs_fts (jobs_fts, rowid, title, company, description, requirements) "
    "VALUES ('delete', old.id, old.title, old.company, old.description, old.requirements); END",
]

APP_STATUSES = ["interested", "applied", "phone_screen", "interview", "technical", "offer",
                "accepted", "declined", "rejected", "withdrawn", "ghosted"]


def make_engine(path: str):
    engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool, pool_size=32,
                           max_overflow=8, connect_args={"check_same_thread": False,
                                                         "timeout": 5})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # the same settings as src/store/store_sqlite.c
        cur = dbapi_conn.cursor()
        for pragma in ("busy_timeout=5000", "journal_mode=WAL", "foreign_keys=ON",
                       "synchronous=FULL"):
            cur.execute("PRAGMA " + pragma)
        cur.close()

    return engine


# ------------------------------------------------------------------ rules (cf. src/core)

COMPANY_SUFFIXES = {"inc", "incorporated", "corp", "corporation", "llc", "ltd", "limited", "co",
                    "company", "gmbh", "ag", "sa", "nv", "bv", "plc", "llp"}
TITLE_NOISE = {"remote", "hybrid", "onsite", "contract", "permanent", "temporary", "urgent",
               "immediate", "apply", "now"}


def norm_company(s: Optional[str]) -> str:
    words = [w for w in re.split(r"[\s,.;:\-_]+", (s or "").casefold()) if w]
    if len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def norm_title(s: Optional[str]) -> str:
    s = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", s or "")
    words = [w for w in re.split(r"[^\w]+", s.casefold()) if w]
    return " ".join(w for w in words if w not in TITLE_NOISE)


def norm_location(s: Optional[str]) -> str:
    return " ".join(w for w in re.split(r"[\s,\-]+", (s or "").casefold()) if w)


def fingerprint(company, title, location) -> str:
    key = f"{norm_company(company)}|{norm_title(title)}|{norm_location(location)}"
    return hashlib.sha256(key.encode()).hexdigest()


def url_key(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    m = re.match(r"^[a-z]+://(?:www\.)?([^/?#]+)([^?#]*)", url.strip().casefold())
    return (m.group(1) + m.group(2).rstrip("/")) if m else None


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


# ------------------------------------------------------------------ schemas


class JobIn(BaseModel):
    company: str = Field(..., min_length=1, max_length=255)
    title: str = Field(..., min_length=1, max_length=255)
    location: Optional[str] = Field(None, max_length=255)
    description: Optional[str] = Field(None, max_length=100000)
    requirements: Optional[str] = Field(None, max_length=100000)
    salary_range: Optional[str] = None
    salary_min: Optional[int] = Field(None, ge=0, le=1000000000)
    salary_max: Optional[int] = Field(None, ge=0, le=1000000000)
    currency: Optional[str] = Field(None, regex=r"^[A-Z]{3}$")
    job_type: Optional[str] = None
    remote_option: Optional[str] = None
    tech_stack: Optional[List[str]] = None
    responsibilities: Optional[str] = None
    documents_required: Optional[List[str]] = None
    application_url: Optional[str] = Field(None, max_length=2048)
    source_url: Optional[str] = Field(None, max_length=2048)
    source: Optional[str] = None
    status: Optional[str] = None
    notes: Optional[str] = None
    date_applied: Optional[str] = None

    class Config:
        extra = "forbid"


class JobOut(BaseModel):
    id: int
    user_id: int
    company: str
    title: str
    location: Optional[str]
    description: Optional[str]
    requirements: Optional[str]
    salary_range: Optional[str]
    salary_min: Optional[int]
    salary_max: Optional[int]
    currency: Optional[str]
    job_type: Optional[str]
    remote_option: Optional[str]
    tech_stack: Optional[List[str]]
    responsibilities: Optional[str]
    documents_required: Optional[List[str]]
    application_url: Optional[str]
    source_url: Optional[str]
    source: Optional[str]
    status: str
    notes: Optional[str]
    date_applied: Optional[str]
    job_fingerprint: Optional[str]
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, job: Job) -> "JobOut":
        data = {k: getattr(job, k) for k in cls.__fields__}
        for k in ("tech_stack", "documents_required"):
            data[k] = json.loads(data[k]) if data[k] is not None else None
        return cls(**data)


class JobList(BaseModel):
    items: List[JobOut]
    total: int
    limit: int
    offset: int


class Duplicate(BaseModel):
    id: int
    company: str
    title: str
    similarity: float


class JobCreated(JobOut):
    possible_duplicates: List[Duplicate]


class ApplicationIn(BaseModel):
    job_id: int
    status: Optional[str] = None
    notes: Optional[str] = None

    class Config:
        extra = "forbid"


class ApplicationOut(BaseModel):
    id: int
    user_id: int
    job_id: int
    status: str
    applied_date: Optional[str]
    response_date: Optional[str]
    interview_date: Optional[str]
    offer_date: Optional[str]
    follow_up_date: Optional[str]
    notes: Optional[str]
    interview_feedback: Optional[dict]
    created_at: str
    updated_at: str

    class Config:
        orm_mode = True


class BoardItem(ApplicationOut):
    job_title: str
    company: str


class Board(BaseModel):
    columns: Dict[str, List[BoardItem]]
    counts: Dict[str, int]
    total: int


# ------------------------------------------------------------------ app

engine = None
SessionLocal = None
app = FastAPI(title="Career Copilot (FastAPI peer)")


@app.on_event("startup")
def _startup():
    global engine, SessionLocal
    engine = make_engine(os.environ["COPILOT_BENCH_DB"])
    SessionLocal = sessionmaker(bind=engine, autoflush=False)


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def current_user(authorization: Optional[str] = Header(None), db: Session = Depends(get_db)) -> int:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(401, "a bearer token is required")
    token = authorization[7:].strip()
    digest = hashlib.blake2b(token.encode(), digest_size=32).hexdigest()
    now = now_text()
    row = db.execute(
        select(DbSession.user_id, User.is_admin, DbSession.last_used_at)
        .join(User, User.id == DbSession.user_id)
        .where(DbSession.token_hash == digest, DbSession.expires_at > now)).first()
    if row is None:
        raise HTTPException(401, "invalid or expired token")
    last = row.last_used_at
    if last is None or (datetime.now(timezone.utc) - datetime.strptime(
            last, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)).total_seconds() >= 60:
        db.execute(update(DbSession).where(DbSession.token_hash == digest)
                   .values(last_used_at=now))
        db.commit()
    return row.user_id


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


def fts_arg(q: str) -> Optional[str]:
    words = re.findall(r"\w+", q)[:16]
    return " ".join(f'"{w}"*' for w in words) or None


@app.get("/api/v1/jobs", response_model=JobList)
def list_jobs(limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0),
              status: Optional[str] = None, q: Optional[str] = None,
              user_id: int = Depends(current_user), db: Session = Depends(get_db)):
    query = db.query(Job).filter(Job.user_id == user_id)
    if status:
        query = query.filter(Job.status == status)
    if q and fts_arg(q):
        query = query.filter(Job.id.in_(
            select(text("rowid")).select_from(text("jobs_fts"))
            .where(text("jobs_fts MATCH :fts")))).params(fts=fts_arg(q))
    total = query.count()
    jobs = query.order_by(Job.created_at.desc(), Job.id.desc()).limit(limit).offset(offset).all()
    return JobList(items=[JobOut.of(j) for j in jobs], total=total, limit=limit, offset=offset)


@app.get("/api/v1/jobs/{job_id}", response_model=JobOut)
def get_job(job_id: int, user_id: int = Depends(current_user), db: Session = Depends(get_db)):
    job = db.query(Job).filter(Job.id == job_id, Job.user_id == user_id).first()
    if job is None:
        raise HTTPException(404, "not found")
    return JobOut.of(job)


@app.post("/api/v1/jobs", response_model=JobCreated, status_code=201)
def create_job(body: JobIn, response: Response, user_id: int = Depends(current_user),
               db: Session = Depends(get_db)):
    if body.salary_min is not None and body.salary_max is not None and \
            body.salary_min > body.salary_max:
        raise HTTPException(422, "salary_min must not be greater than salary_max")
    fp = fingerprint(body.company, body.title, body.location)
    app_key, src_key = url_key(body.application_url), url_key(body.source_url)
    keys = [k for k in (app_key, src_key) if k]
    dup_filter = [Job.job_fingerprint == fp]
    if keys:
        dup_filter += [Job.application_url_key.in_(keys), Job.source_url_key.in_(keys)]
    dup = db.query(Job.id).filter(Job.user_id == user_id, or_(*dup_filter)) \
        .order_by(Job.id).first()
    if dup is not None:
        raise HTTPException(409, {"message": "this job is already tracked", "existing_id": dup.id})
    now = now_text()
    data = body.dict()
    for k in ("tech_stack", "documents_required"):
        data[k] = json.dumps(data[k]) if data[k] is not None else None
    data["status"] = data["status"] or "not_applied"
    job = Job(**data, user_id=user_id, job_fingerprint=fp, application_url_key=app_key,
              source_url_key=src_key, created_at=now, updated_at=now)
    db.add(job)
    db.commit()
    db.refresh(job)
    # near duplicates: the same candidate query as src/model/job.c, scored in Python
    candidates = db.query(Job.id, Job.company, Job.title, Job.location).filter(
        Job.user_id == user_id, Job.id != job.id,
        func.lower(func.substr(Job.company, 1, 3)) == body.company[:3].lower()) \
        .order_by(Job.id.desc()).limit(500).all()
    nc, nt, nl = norm_company(job.company), norm_title(job.title), norm_location(job.location)
    possible = []
    for c in candidates:
        rc = ratio(nc, norm_company(c.company))
        rt = ratio(nt, norm_title(c.title))
        if rc >= 0.8 and rt >= 0.85:
            ol = norm_location(c.location)
            if nl and ol and ratio(nl, ol) < 0.5:
                continue
            possible.append(Duplicate(id=c.id, company=c.company, title=c.title,
                                      similarity=(rc + rt) / 2))
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return JobCreated(**JobOut.of(job).dict(), possible_duplicates=possible)


@app.post("/api/v1/applications", response_model=ApplicationOut, status_code=201)
def create_application(body: ApplicationIn, user_id: int = Depends(current_user),
                       db: Session = Depends(get_db)):
    job = db.query(Job.id).filter(Job.id == body.job_id, Job.user_id == user_id).first()
    if job is None:
        raise HTTPException(422, "job_id: no such job")
    now = now_text()
    a = Application(user_id=user_id, job_id=body.job_id, status=body.status or "interested",
                    notes=body.notes, created_at=now, updated_at=now)
    db.add(a)
    db.commit()
    db.refresh(a)
    return a


@app.get("/api/v1/applications/board", response_model=Board)
def board(user_id: int = Depends(current_user), db: Session = Depends(get_db)):
    rows = db.query(Application, Job.title, Job.company).join(Job, Job.id == Application.job_id) \
        .filter(Application.user_id == user_id) \
        .order_by(Application.updated_at.desc(), Application.id.desc()).all()
    columns: Dict[str, List[BoardItem]] = {s: [] for s in APP_STATUSES}
    for a, title, company in rows:
        item = BoardItem(**ApplicationOut.from_orm(a).dict(), job_title=title, company=company)
        columns.setdefault(a.status, []).append(item)
    return Board(columns=columns, counts={s: len(v) for s, v in columns.items()},
                 total=len(rows))


# ------------------------------------------------------------------ seeding


def seed(path: str, jobs_file: str, napps: int, step: int) -> None:
    eng = make_engine(path)
    Base.metadata.create_all(eng)
    with eng.begin() as conn:
        for ddl in FTS_DDL:
            conn.execute(text(ddl))
    db = sessionmaker(bind=eng)()
    now = now_text()
    user = User(username="bench", email="bench@example.com", created_at=now, updated_at=now)
    db.add(user)
    db.flush()
    token = secrets.token_urlsafe(32)
    expires = (datetime.now(timezone.utc) + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
    db.add(DbSession(user_id=user.id,
                     token_hash=hashlib.blake2b(token.encode(), digest_size=32).hexdigest(),
                     created_at=now, expires_at=expires, last_used_at=now))
    with open(jobs_file) as f:
        rows = json.load(f)
    mappings = []
    for r in rows:
        m = dict(r)
        for k in ("tech_stack", "documents_required"):
            if k in m:
                m[k] = json.dumps(m[k])
        m.update(user_id=user.id, status="not_applied", source=m.get("source", "import"),
                 job_fingerprint=fingerprint(r["company"], r["title"], r.get("location")),
                 application_url_key=url_key(r.get("application_url")),
                 source_url_key=url_key(r.get("source_url")), created_at=now, updated_at=now)
        mappings.append(m)
    db.bulk_insert_mappings(Job, mappings)
    db.flush()
    for k in range(napps):  # the same jobs as `seed.py applications`, one by one like the API
        db.add(Application(user_id=user.id, job_id=1 + k * step, status="interested",
                           created_at=now, updated_at=now))
        db.flush()
    db.commit()
    db.close()
    eng.dispose()
    print(token)


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "seed":
        seed(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)
