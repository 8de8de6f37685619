"""gunicorn settings; every value can be overridden with DANVAN_WEB_* environment variables."""

import multiprocessing
import os

workers = int(os.environ.get("DANVAN_WEB_WORKERS", min(4, multiprocessing.cpu_count())))
threads = int(os.environ.get("DANVAN_WEB_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("DANVAN_WEB_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("DANVAN_FORWARDED_ALLOW_IPS", "127.0.0.1")
