"""Nuanxin settings: one module, configured from the environment."""

import os
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# Under pytest, static files are served unhashed (no collectstatic before tests).
TESTING = env_bool("NUANXIN_TESTING", False) or "pytest" in os.path.basename(sys.argv[0] if sys.argv else "")

# No key, no start: a missing SECRET_KEY would sign sessions and password resets with a key
# anyone can read here. DEBUG (development) and the test suite use a fixed one; `make run`
# makes a random key once and keeps it in var/secret_key (docs/deploy.md).
DEV_SECRET_KEY = "dev-only-insecure-nuanxin-key-change-me"  # noqa: S105 (public on purpose; refused outside DEBUG and tests)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY:
    if not (DEBUG or TESTING):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value (docs/deploy.md), or DEBUG=1 for development.")
    SECRET_KEY = DEV_SECRET_KEY

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "huey.contrib.djhuey",
    "nuanxin.core",
    "nuanxin.accounts",
    "nuanxin.places",
    "nuanxin.wages",
    "nuanxin.cases",
    "nuanxin.gigs",
    "nuanxin.bookings",
    "nuanxin.housing",
    "nuanxin.jobs",
    "nuanxin.grants",
    "nuanxin.dashboard",
    "nuanxin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for weak signal (static files come compressed from whitenoise already);
    # Django pads compressed responses against BREACH and masks CSRF tokens.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "nuanxin.accounts.middleware.AgreementMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nuanxin.core.middleware.RejectNulMiddleware",
    "nuanxin.core.middleware.ApiErrorShapeMiddleware",
    "nuanxin.core.middleware.ElderModeMiddleware",
]

ROOT_URLCONF = "nuanxin.urls"
WSGI_APPLICATION = "nuanxin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "nuanxin" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "nuanxin.core.context_processors.ui",
            ],
            "builtins": ["nuanxin.core.templatetags.marks"],
        },
    },
]

# --- Database: SQLite (WAL) by default, PostgreSQL from DATABASE_URL -----------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Every SQLite database, however configured, gets these: WAL lets readers run beside the one
# writer; IMMEDIATE takes the write lock at BEGIN so two writers queue instead of failing on
# lock upgrade; the timeout is how long a writer waits in that queue.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL)
    if _db["ENGINE"] == "django.db.backends.postgresql":
        # Django's native psycopg pool: connection set-up would otherwise dominate a request.
        _db["CONN_MAX_AGE"] = 0
        _db.setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("NUANXIN_DB_POOL_MIN", "2")),
            "max_size": int(os.environ.get("NUANXIN_DB_POOL_MAX", "10")),
            "timeout": 10,
        }
    elif _db["ENGINE"] == "django.db.backends.sqlite3":
        # dj-database-url knows none of them: without them 50 parallel enrolments gave 17
        # "database is locked" errors (issue 16).
        _db["OPTIONS"] = {**SQLITE_OPTIONS, **_db.get("OPTIONS", {})}
    DATABASES = {"default": _db}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("NUANXIN_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": SQLITE_OPTIONS,
            # Tests use a file, not shared-cache memory: concurrency tests run real threads,
            # and shared-cache SQLite fails them with "table is locked" instead of waiting.
            "TEST": {"NAME": os.environ.get("NUANXIN_SQLITE_TEST_PATH", str(BASE_DIR / "var" / "test.sqlite3"))},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions: local memory by default, Redis from REDIS_URL ------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("NUANXIN_CACHE_PREFIX", "nuanxin"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Sessions stay in the database without Redis so that several server processes share them.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Queued and timed work: huey; `manage.py worker` runs it ----------------------------
# On Redis when REDIS_URL is set (workers on several hosts share it), else on a SQLite file
# (workers on this host share it). Under pytest the queue is immediate and in memory: a task
# runs in the test at once, and one with a future eta (a draw at a window's close) is only
# stored, so tests never draw behind their own back; tests with real workers start them.
HUEY_SQLITE_PATH = os.environ.get("NUANXIN_HUEY_PATH", str(BASE_DIR / "var" / "huey.sqlite3"))
HUEY = {
    "name": os.environ.get("NUANXIN_HUEY_NAME", "nuanxin"),
    "immediate": env_bool("NUANXIN_HUEY_IMMEDIATE", "pytest" in sys.modules),
    "results": False,  # nothing reads a task's return value
    "utc": True,
    # Threads share the process's database pool; periodic on. Never flush locks at start:
    # another worker may be holding one (a killed worker's lock expires, core/timed.py).
    "consumer": {"workers": int(os.environ.get("NUANXIN_WORKER_THREADS", "4")), "worker_type": "thread",
                 "periodic": True, "flush_locks": False, "check_worker_health": True},
}
if REDIS_URL:
    # RedisExpireHuey takes a lock by one SET NX EX, so a lock expires on any Redis version
    # (RedisHuey's needs hash-field TTLs, Redis 7.4+).
    HUEY.update(huey_class="huey.RedisExpireHuey", url=REDIS_URL)
else:
    HUEY.update(huey_class="nuanxin.core.taskqueue.SqliteHuey", filename=HUEY_SQLITE_PATH)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "places:nearby"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "nuanxin" / "locale"]
TIME_ZONE = "Asia/Shanghai"
# The city's wall clock (core.dates.local_tz): opening hours, shift dates, slot plans and
# midnight deadlines are Kunshan times, even if TIME_ZONE is set elsewhere for display.
NUANXIN_LOCAL_TIME_ZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A page must never fail because collectstatic has not run; the unhashed name is served then.
WHITENOISE_MANIFEST_STRICT = False

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("NUANXIN_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Browsers keep to HTTPS for a year once they have seen the site; plain HTTP is redirected
    # (the proxy's health check may still call /api/v1/health over HTTP).
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("NUANXIN_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Nuanxin ----------------------------------------------------------------------------
# Comma-separated Fernet keys, newest first. Rotation: put a new key in front, run
# `manage.py rotate_field_keys`, then drop the old key. The look-up hash key is separate
# so that rotation never changes the keyed hashes used for uniqueness.
NUANXIN_FIELD_KEYS = os.environ.get("NUANXIN_FIELD_KEYS", "")
NUANXIN_LOOKUP_KEY = os.environ.get("NUANXIN_LOOKUP_KEY", "")
# The console backend shows codes on the terminal: development only. Elsewhere a real one is
# named (e.g. nuanxin.accounts.sms.AliyunSmsBackend with NUANXIN_SMS_ALIYUN_* below).
NUANXIN_SMS_BACKEND = os.environ.get("NUANXIN_SMS_BACKEND", "")
if not NUANXIN_SMS_BACKEND:
    if not (DEBUG or TESTING):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("NUANXIN_SMS_BACKEND is not set: name a real SMS backend (docs/deploy.md), "
                                   "or nuanxin.accounts.sms.ConsoleSmsBackend for a development run.")
    NUANXIN_SMS_BACKEND = "nuanxin.accounts.sms.ConsoleSmsBackend"
# Rate limits count in a store all server processes share: Redis when configured, else the
# database (core/ratelimit.py). The proxies whose X-Forwarded-For names the real client:
# addresses or networks, comma-separated (e.g. "127.0.0.1,10.0.0.0/8" for nginx on the host).
NUANXIN_RATE_LIMIT_STORE = "cache" if REDIS_URL else "db"
NUANXIN_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("NUANXIN_TRUSTED_PROXIES", "").split(",") if p.strip()]
NUANXIN_SMS_ALIYUN = {
    "ENDPOINT": os.environ.get("NUANXIN_SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/"),
    "ACCESS_KEY_ID": os.environ.get("NUANXIN_SMS_ALIYUN_KEY_ID", ""),
    "ACCESS_KEY_SECRET": os.environ.get("NUANXIN_SMS_ALIYUN_KEY_SECRET", ""),
    "SIGN_NAME": os.environ.get("NUANXIN_SMS_SIGN_NAME", "暖新"),
    "TEMPLATE_CODE": os.environ.get("NUANXIN_SMS_TEMPLATE", ""),
}
NUANXIN_OTP = {
    "TTL_SECONDS": 300,
    "RESEND_AFTER_SECONDS": 60,
    "MAX_PER_HOUR": 5,
    "MAX_WRONG_ATTEMPTS": 5,
    "LOCKOUT_SECONDS": 900,
}
NUANXIN_TOKEN_TTL_DAYS = 30
# Deposits: "offline" (bank transfers that staff confirm; the callback door is shut) or
# "signed" (a gateway that calls back, its body signed with NUANXIN_GATEWAY_SECRET).
NUANXIN_PAYMENT_GATEWAY = os.environ.get("NUANXIN_PAYMENT_GATEWAY", "offline")
NUANXIN_GATEWAY_SECRET = os.environ.get("NUANXIN_GATEWAY_SECRET", "")
NUANXIN_CITY_CENTRE = (31.38, 120.98)
# The city's wage-guarantee escrow account that employers transfer deposits to. The defaults
# are made up, for demos: the deposit page says so until NUANXIN_ESCROW_ACCOUNT_NUMBER is set.
NUANXIN_ESCROW_ACCOUNT_NAME = os.environ.get("NUANXIN_ESCROW_ACCOUNT_NAME", "昆山市新就业形态劳动者工资保障专户")
NUANXIN_ESCROW_ACCOUNT_BANK = os.environ.get("NUANXIN_ESCROW_ACCOUNT_BANK", "中国工商银行昆山分行营业部")
NUANXIN_ESCROW_ACCOUNT_NUMBER = os.environ.get("NUANXIN_ESCROW_ACCOUNT_NUMBER", "")
NUANXIN_ESCROW_DEMO_NUMBER = "1102 0000 0000 0000 000"

# --- Maps and geocoding -------------------------------------------------------------------
# Map tiles: a Leaflet URL template ({s} a subdomain from NUANXIN_MAP_TILES_SUBDOMAINS,
# {z}/{x}/{y} the tile). Amap's road map by default. Chinese tile servers draw in GCJ-02,
# so with NUANXIN_MAP_TILES_GCJ02 on the pins (stored WGS-84) are shifted for display and a
# pin dropped on the map is shifted back before it is stored; a WGS-84 tile server (e.g. an
# OpenStreetMap mirror) turns it off. The map is an enhancement of a list: when tiles cannot
# load, the pages still work. (Tests never reach the internet: nuanxin/conftest.py points the
# tiles at a local address that answers 404, like tiles that fail to load.)
NUANXIN_MAP_TILES = os.environ.get(
    "NUANXIN_MAP_TILES",
    "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
)
NUANXIN_MAP_TILES_SUBDOMAINS = os.environ.get("NUANXIN_MAP_TILES_SUBDOMAINS", "1234")
NUANXIN_MAP_TILES_GCJ02 = env_bool("NUANXIN_MAP_TILES_GCJ02", True)
NUANXIN_MAP_ATTRIBUTION = os.environ.get("NUANXIN_MAP_ATTRIBUTION", "© 高德地图 AutoNavi")
# Geocoding an employer's workplace address: Amap's web service when a key is set (its
# answers are GCJ-02 and are converted to WGS-84), else the town + landmark choice or a pin.
NUANXIN_AMAP_KEY = os.environ.get("NUANXIN_AMAP_KEY", "")
NUANXIN_AMAP_GEOCODE_URL = os.environ.get(
    "NUANXIN_AMAP_GEOCODE_URL", "https://restapi.amap.com/v3/geocode/geo"
)
NUANXIN_GEOCODER_TIMEOUT = float(os.environ.get("NUANXIN_GEOCODER_TIMEOUT", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Phone and ID numbers are masked in every line, whoever logs them (core/logs.py).
    "filters": {"personal_data": {"()": "nuanxin.core.logs.MaskPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}


# --- Content-Security-Policy (django-csp) --------------------------------------------------
# Scripts and styles from our own static files only: no inline script, style or handler is
# left in a template (core/tests/test_csp.py checks them; the Chromium tests fail on any
# violation). Images may also come from the map's tile servers.
def _tile_hosts(template: str, subdomains: str) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(template)
    if not parts.netloc:
        return []
    hosts = {parts.netloc.replace("{s}", s) for s in (subdomains or "")} if "{s}" in parts.netloc else {parts.netloc}
    return sorted(f"{parts.scheme}://{h}" for h in hosts)


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_hosts(NUANXIN_MAP_TILES, NUANXIN_MAP_TILES_SUBDOMAINS)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
