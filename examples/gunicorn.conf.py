# gunicorn settings for myapp (production). Each fault below is one gunicorn-lint catches.
import multiprocessing

wsgi_app = "myapp.wsgi:app"
bind = "unix:/run/myapp/gunicorn.sock"
workers = multiprocessing.cpu_count() * 2 + 1

# A typo: gunicorn ignores unknown names, so this config silently keeps the sync worker.
workers_class = "gthread"
threads = 4

# Raised "until the 502s stop": hides slow requests instead of fixing them.
timeout = 600
graceful_timeout = 30

# Every worker restarts after exactly 1000 requests, all at once.
max_requests = 1000

preload_app = True
reload = True

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(D)s %(x)s'


def post_fork(server):
    server.log.info("worker spawned")
